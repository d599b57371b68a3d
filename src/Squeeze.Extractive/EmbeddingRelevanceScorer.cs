using System.Numerics.Tensors;
using Microsoft.Extensions.AI;

namespace Squeeze.Extractive;

/// <summary>
/// Relevance from any embedding model: the cosine similarity between each unit's embedding and the query's.
/// Without a query, the cosine with the mean of all unit embeddings (centrality). Embeddings are cached per text
/// in a bounded least-recently-used cache, so repeated passages and queries are embedded once.
/// </summary>
public sealed class EmbeddingRelevanceScorer : IRelevanceScorer
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;
    private readonly EmbeddingCache _cache;

    /// <summary>Initializes a new scorer.</summary>
    /// <param name="generator">The embedding model.</param>
    /// <param name="cacheCapacity">How many embeddings to keep, 0 for no cache; at most 1,000,000.</param>
    public EmbeddingRelevanceScorer(IEmbeddingGenerator<string, Embedding<float>> generator, int cacheCapacity = 4096)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfNegative(cacheCapacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cacheCapacity, 1_000_000);
        _generator = generator;
        _cache = new EmbeddingCache(cacheCapacity);
    }

    /// <inheritdoc />
    public string Name => "embedding";

    /// <summary>Gets the number of embeddings in the cache.</summary>
    public int CachedCount => _cache.Count;

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
        var texts = new string[units.Count + (hasQuery ? 1 : 0)];
        for (int u = 0; u < units.Count; u++)
        {
            texts[u] = text.Substring(units[u].Start, units[u].Length).Trim();
        }

        if (hasQuery)
        {
            texts[^1] = query!.Trim();
        }

        float[][] vectors = await EmbedAsync(texts, cancellationToken).ConfigureAwait(false);
        float[] target;
        if (hasQuery)
        {
            target = vectors[^1];
        }
        else
        {
            target = new float[vectors[0].Length];
            for (int u = 0; u < units.Count; u++)
            {
                if (vectors[u].Length == target.Length)
                {
                    TensorPrimitives.Add(target, vectors[u], target);
                }
            }
        }

        for (int u = 0; u < units.Count; u++)
        {
            scores[u] = Cosine(vectors[u], target);
        }

        return scores;
    }

    private static float Cosine(float[] a, float[] b)
    {
        if (a.Length == 0 || a.Length != b.Length)
        {
            return 0;
        }

        float value = TensorPrimitives.CosineSimilarity(a, b);
        return float.IsFinite(value) ? value : 0;
    }

    private async Task<float[][]> EmbedAsync(string[] texts, CancellationToken cancellationToken)
    {
        var vectors = new float[texts.Length][];
        var missing = new List<string>();
        var missingSet = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < texts.Length; i++)
        {
            if (texts[i].Length == 0)
            {
                vectors[i] = [];
            }
            else if (_cache.TryGet(texts[i], out float[] cached))
            {
                vectors[i] = cached;
            }
            else if (missingSet.Add(texts[i]))
            {
                missing.Add(texts[i]);
            }
        }

        var fresh = new Dictionary<string, float[]>(StringComparer.Ordinal);
        if (missing.Count > 0)
        {
            GeneratedEmbeddings<Embedding<float>> generated = await _generator.GenerateAsync(missing, options: null, cancellationToken).ConfigureAwait(false);
            if (generated.Count != missing.Count)
            {
                throw new SqueezeException($"The embedding generator returned {generated.Count} embeddings for {missing.Count} inputs.");
            }

            for (int i = 0; i < missing.Count; i++)
            {
                float[] vector = generated[i].Vector.ToArray();
                fresh[missing[i]] = vector;
                _cache.Add(missing[i], vector);
            }
        }

        for (int i = 0; i < texts.Length; i++)
        {
            vectors[i] ??= fresh[texts[i]];
        }

        return vectors;
    }
}
