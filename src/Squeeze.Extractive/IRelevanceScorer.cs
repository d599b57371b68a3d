namespace Squeeze.Extractive;

/// <summary>Scores how relevant each unit of a text is to a query; higher is more relevant.</summary>
/// <remarks>Implementations must be thread-safe. Scores are compared only within one call, so any scale will do.</remarks>
public interface IRelevanceScorer
{
    /// <summary>Gets a short name for the scorer, used in method names such as "extractive-bm25".</summary>
    string Name { get; }

    /// <summary>Scores <paramref name="units"/> of <paramref name="text"/> against <paramref name="query"/>.</summary>
    /// <param name="text">The whole text.</param>
    /// <param name="units">The units to score, as spans of <paramref name="text"/>.</param>
    /// <param name="query">The question the kept text must serve; <see langword="null"/> or empty to score how informative and central each unit is.</param>
    /// <param name="cancellationToken">A token to cancel scoring.</param>
    /// <returns>One score per unit, in order.</returns>
    ValueTask<float[]> ScoreAsync(string text, IReadOnlyList<TextSpan> units, string? query, CancellationToken cancellationToken = default);
}
