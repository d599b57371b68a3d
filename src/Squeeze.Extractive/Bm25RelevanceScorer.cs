namespace Squeeze.Extractive;

/// <summary>
/// Model-free relevance: Okapi BM25 of each unit against the query, over lower-cased, lightly stemmed, hashed words.
/// Without a query (or when no query word occurs in the text) it scores centrality instead: the TF-IDF dot product of a unit with
/// the rest of the text over the unit's norm, so units that carry the text's main, repeated content come first and off-topic
/// units (words found nowhere else) score zero.
/// </summary>
/// <remarks>Works on pooled buffers: after warm-up a call allocates only its result array.</remarks>
public sealed class Bm25RelevanceScorer : IRelevanceScorer
{
    /// <summary>Initializes a new scorer.</summary>
    /// <param name="k1">Term-frequency saturation; 0 to 3, typically 1.2.</param>
    /// <param name="b">Length normalisation; 0 (none) to 1 (full), typically 0.75.</param>
    public Bm25RelevanceScorer(double k1 = 1.2, double b = 0.75)
    {
        if (!double.IsFinite(k1) || k1 is < 0 or > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(k1), k1, "k1 must be between 0 and 3.");
        }

        if (!double.IsFinite(b) || b is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(b), b, "b must be between 0 and 1.");
        }

        K1 = (float)k1;
        B = (float)b;
    }

    /// <summary>Gets the term-frequency saturation parameter.</summary>
    public float K1 { get; }

    /// <summary>Gets the length-normalisation parameter.</summary>
    public float B { get; }

    /// <inheritdoc />
    public string Name => "bm25";

    /// <inheritdoc />
    public ValueTask<float[]> ScoreAsync(string text, IReadOnlyList<TextSpan> units, string? query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(units);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Score(text, units, query, cancellationToken));
    }

    /// <summary>Scores synchronously.</summary>
    /// <param name="text">The whole text.</param>
    /// <param name="units">The units to score.</param>
    /// <param name="query">The query, or <see langword="null"/> for centrality.</param>
    /// <param name="cancellationToken">A token to cancel scoring.</param>
    /// <returns>One score per unit.</returns>
    public float[] Score(string text, IReadOnlyList<TextSpan> units, string? query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(units);
        int unitCount = units.Count;
        var scores = new float[unitCount];
        if (unitCount == 0)
        {
            return scores;
        }

        int totalChars = 0;
        for (int u = 0; u < unitCount; u++)
        {
            TextSpan span = units[u];
            if (span.Start < 0 || span.Length < 0 || span.End > text.Length)
            {
                throw new ArgumentException($"Unit {span} lies outside the text.", nameof(units));
            }

            totalChars += span.Length;
        }

        using var terms = new PooledArray<int>(totalChars);
        using var offsets = new PooledArray<int>(unitCount + 1);
        int total = 0;
        for (int u = 0; u < unitCount; u++)
        {
            offsets.Array[u] = total;
            TextSpan span = units[u];
            total += WordHasher.Hash(text.AsSpan(span.Start, span.Length), terms.Array.AsSpan(total));
        }

        offsets.Array[unitCount] = total;
        cancellationToken.ThrowIfCancellationRequested();

        bool matched = !string.IsNullOrWhiteSpace(query) && ScoreQuery(terms.Array, offsets.Array, unitCount, total, query, scores, cancellationToken);
        if (!matched)
        {
            ScoreCentrality(terms.Array, offsets.Array, unitCount, total, scores, cancellationToken);
        }

        return scores;
    }

    private bool ScoreQuery(int[] terms, int[] offsets, int unitCount, int total, string query, float[] scores, CancellationToken cancellationToken)
    {
        using var queryTerms = new PooledArray<int>(query.Length);
        int queryCount = WordHasher.Hash(query, queryTerms.Span);
        if (queryCount == 0)
        {
            return false;
        }

        using var table = new IntSlotTable(queryCount);
        int capacity = table.Capacity;
        using var weight = new PooledArray<float>(capacity);
        using var df = new PooledArray<int>(capacity);
        using var lastUnit = new PooledArray<int>(capacity);
        using var tf = new PooledArray<int>(capacity);
        using var touched = new PooledArray<int>(capacity);
        for (int q = 0; q < queryCount; q++)
        {
            weight.Array[table.FindOrAdd(queryTerms.Array[q], out _)] += 1f;
        }

        lastUnit.Span.Fill(-1);
        for (int u = 0; u < unitCount; u++)
        {
            for (int t = offsets[u]; t < offsets[u + 1]; t++)
            {
                int slot = table.Find(terms[t]);
                if (slot >= 0 && lastUnit.Array[slot] != u)
                {
                    lastUnit.Array[slot] = u;
                    df.Array[slot]++;
                }
            }
        }

        bool any = false;
        for (int s = 0; s < capacity; s++)
        {
            if (df.Array[s] > 0)
            {
                any = true;
                float d = df.Array[s];
                weight.Array[s] *= MathF.Log(1f + ((unitCount - d + 0.5f) / (d + 0.5f)));
            }
        }

        if (!any)
        {
            return false;
        }

        cancellationToken.ThrowIfCancellationRequested();
        float averageLength = Math.Max(1f, (float)total / unitCount);
        for (int u = 0; u < unitCount; u++)
        {
            int touchedCount = 0;
            for (int t = offsets[u]; t < offsets[u + 1]; t++)
            {
                int slot = table.Find(terms[t]);
                if (slot >= 0)
                {
                    if (tf.Array[slot]++ == 0)
                    {
                        touched.Array[touchedCount++] = slot;
                    }
                }
            }

            float norm = K1 * (1f - B + (B * (offsets[u + 1] - offsets[u]) / averageLength));
            float score = 0;
            for (int i = 0; i < touchedCount; i++)
            {
                int slot = touched.Array[i];
                float f = tf.Array[slot];
                score += weight.Array[slot] * f * (K1 + 1f) / (f + norm);
                tf.Array[slot] = 0;
            }

            scores[u] = score;
        }

        return true;
    }

    private static void ScoreCentrality(int[] terms, int[] offsets, int unitCount, int total, float[] scores, CancellationToken cancellationToken)
    {
        if (total == 0)
        {
            return;
        }

        using var table = new IntSlotTable(total);
        int capacity = table.Capacity;
        using var df = new PooledArray<int>(capacity);
        using var globalTf = new PooledArray<int>(capacity);
        using var lastUnit = new PooledArray<int>(capacity);
        using var slots = new PooledArray<int>(total);
        lastUnit.Span.Fill(-1);
        for (int u = 0; u < unitCount; u++)
        {
            for (int t = offsets[u]; t < offsets[u + 1]; t++)
            {
                int slot = table.FindOrAdd(terms[t], out _);
                slots.Array[t] = slot;
                globalTf.Array[slot]++;
                if (lastUnit.Array[slot] != u)
                {
                    lastUnit.Array[slot] = u;
                    df.Array[slot]++;
                }
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        for (int u = 0; u < unitCount; u++)
        {
            float dot = 0;
            float squares = 0;
            for (int t = offsets[u]; t < offsets[u + 1]; t++)
            {
                int slot = slots.Array[t];
                float d = df.Array[slot];
                float idf = MathF.Log(unitCount / d);
                dot += idf * idf * (globalTf.Array[slot] - 1);
                squares += idf * idf;
            }

            scores[u] = squares > 0 ? dot / MathF.Sqrt(squares) : 0;
        }
    }
}
