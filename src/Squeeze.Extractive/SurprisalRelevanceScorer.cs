namespace Squeeze.Extractive;

/// <summary>
/// Relevance from a small language model, as in LongLLMLingua's coarse ranking: a unit is relevant when reading it first makes the
/// question less surprising. The score is the question's mean surprisal on its own minus its mean surprisal given the unit.
/// Without a query, the score is the unit's own mean surprisal (its self-information), so informative units come first.
/// </summary>
public sealed class SurprisalRelevanceScorer : IRelevanceScorer
{
    private readonly ITokenScorer _scorer;

    /// <summary>Initializes a new scorer.</summary>
    /// <param name="scorer">The language model that scores tokens.</param>
    /// <param name="batchSize">How many units are scored per call to <paramref name="scorer"/>; 1 to 1024.</param>
    public SurprisalRelevanceScorer(ITokenScorer scorer, int batchSize = 16)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batchSize, 1024);
        _scorer = scorer;
        BatchSize = batchSize;
    }

    /// <summary>Gets how many units are scored per call to the language model.</summary>
    public int BatchSize { get; }

    /// <inheritdoc />
    public string Name => "surprisal";

    /// <inheritdoc />
    public async ValueTask<float[]> ScoreAsync(string text, IReadOnlyList<TextSpan> units, string? query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(units);
        cancellationToken.ThrowIfCancellationRequested();
        var scores = new float[units.Count];
        if (units.Count == 0)
        {
            return scores;
        }

        bool hasQuery = !string.IsNullOrWhiteSpace(query);
        float baseline = 0;
        if (hasQuery)
        {
            IReadOnlyList<TokenScores> alone = await _scorer.ScoreAsync([new ScoringInput(query!)], cancellationToken).ConfigureAwait(false);
            baseline = alone.Count > 0 ? Mean(alone[0]) : 0;
        }

        var batch = new List<ScoringInput>(BatchSize);
        for (int start = 0; start < units.Count; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            batch.Clear();
            int end = Math.Min(units.Count, start + BatchSize);
            for (int u = start; u < end; u++)
            {
                string unitText = text.Substring(units[u].Start, units[u].Length);
                batch.Add(hasQuery ? new ScoringInput(query!, unitText) : new ScoringInput(unitText));
            }

            IReadOnlyList<TokenScores> results = await _scorer.ScoreAsync(batch, cancellationToken).ConfigureAwait(false);
            if (results.Count != batch.Count)
            {
                throw new SqueezeException($"The token scorer '{_scorer.Name}' returned {results.Count} results for {batch.Count} inputs.");
            }

            for (int u = start; u < end; u++)
            {
                float mean = Mean(results[u - start]);
                scores[u] = hasQuery ? baseline - mean : mean;
            }
        }

        return scores;
    }

    private static float Mean(TokenScores scores)
    {
        ReadOnlySpan<float> s = scores.Surprisal.Span;
        if (s.IsEmpty)
        {
            return 0;
        }

        float sum = 0;
        int count = 0;
        foreach (float v in s)
        {
            if (float.IsFinite(v))
            {
                sum += v;
                count++;
            }
        }

        return count == 0 ? 0 : sum / count;
    }
}
