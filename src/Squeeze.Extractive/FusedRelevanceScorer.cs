namespace Squeeze.Extractive;

/// <summary>Combines several relevance scorers into one by reciprocal-rank fusion or a weighted sum of normalised scores.</summary>
public sealed class FusedRelevanceScorer : IRelevanceScorer
{
    private readonly IRelevanceScorer[] _scorers;
    private readonly float[] _weights;

    /// <summary>Initializes a new fused scorer.</summary>
    /// <param name="scorers">The scorers to combine; at least one.</param>
    /// <param name="method">How to combine them.</param>
    /// <param name="weights">One positive finite weight per scorer; <see langword="null"/> for equal weights.</param>
    /// <param name="rankConstant">The k of reciprocal-rank fusion, at least 1; 60 as in the original paper.</param>
    public FusedRelevanceScorer(IReadOnlyList<IRelevanceScorer> scorers, FusionMethod method = FusionMethod.ReciprocalRank, IReadOnlyList<float>? weights = null, int rankConstant = 60)
    {
        ArgumentNullException.ThrowIfNull(scorers);
        if (scorers.Count == 0)
        {
            throw new ArgumentException("At least one scorer is needed.", nameof(scorers));
        }

        if (!Enum.IsDefined(method))
        {
            throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown fusion method.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(rankConstant, 1);
        if (weights is not null && weights.Count != scorers.Count)
        {
            throw new ArgumentException("There must be one weight per scorer.", nameof(weights));
        }

        _scorers = new IRelevanceScorer[scorers.Count];
        _weights = new float[scorers.Count];
        for (int i = 0; i < scorers.Count; i++)
        {
            _scorers[i] = scorers[i] ?? throw new ArgumentException("Scorers must not be null.", nameof(scorers));
            float w = weights is null ? 1f : weights[i];
            if (!float.IsFinite(w) || w <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(weights), w, "Weights must be positive finite numbers.");
            }

            _weights[i] = w;
        }

        Method = method;
        RankConstant = rankConstant;
        Name = string.Join('+', Array.ConvertAll(_scorers, s => s.Name));
    }

    /// <summary>Gets how the scorers are combined.</summary>
    public FusionMethod Method { get; }

    /// <summary>Gets the k of reciprocal-rank fusion.</summary>
    public int RankConstant { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public async ValueTask<float[]> ScoreAsync(string text, IReadOnlyList<TextSpan> units, string? query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(units);
        var fused = new float[units.Count];
        var order = new int[units.Count];
        for (int s = 0; s < _scorers.Length; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            float[] scores = await _scorers[s].ScoreAsync(text, units, query, cancellationToken).ConfigureAwait(false);
            if (scores.Length != units.Count)
            {
                throw new SqueezeException($"The relevance scorer '{_scorers[s].Name}' returned {scores.Length} scores for {units.Count} units.");
            }

            if (Method == FusionMethod.Weighted)
            {
                ScoreMath.NormalizeInPlace(scores);
                for (int u = 0; u < scores.Length; u++)
                {
                    fused[u] += _weights[s] * scores[u];
                }

                continue;
            }

            ScoreMath.RankDescending(scores, order);
            int rank = 0;
            for (int r = 0; r < order.Length; r++)
            {
                // Ties share the better rank.
                if (r == 0 || scores[order[r]] != scores[order[r - 1]])
                {
                    rank = r;
                }

                fused[order[r]] += _weights[s] / (RankConstant + rank + 1);
            }
        }

        return fused;
    }
}
