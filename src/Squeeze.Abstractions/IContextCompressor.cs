namespace Squeeze;

/// <summary>
/// Compresses a whole context, a list of segments, into one token budget: shares the budget among the segments and
/// applies a method to each. Protected segments are passed through unchanged.
/// </summary>
public interface IContextCompressor
{
    /// <summary>Compresses <paramref name="segments"/> so that their target tokens add up to at most the budget.</summary>
    /// <param name="segments">The context, in order.</param>
    /// <param name="query">The question the context must still answer; <see langword="null"/> for none.</param>
    /// <param name="budget">The token budget for all segments together.</param>
    /// <param name="cancellationToken">A token to cancel compression.</param>
    /// <returns>The compressed texts and a report.</returns>
    /// <exception cref="SqueezeException">The budget cannot be met, for example because protected segments alone exceed it.</exception>
    Task<CompressionResult> CompressAsync(IReadOnlyList<ContextSegment> segments, string? query, CompressionBudget budget, CancellationToken cancellationToken = default);
}
