namespace Squeeze;

/// <summary>A compression method for one text, such as extractive selection, token pruning or code compression.</summary>
/// <remarks>Implementations must be thread-safe and must build their result only from spans of the input (see <see cref="CompressedText.FromSpans"/>).</remarks>
public interface ISegmentCompressor
{
    /// <summary>Gets the method's name, shown in reports (for example "extractive-bm25").</summary>
    string Name { get; }

    /// <summary>Compresses the request's text to at most its token budget.</summary>
    /// <param name="request">The text, budget, counter and query.</param>
    /// <param name="cancellationToken">A token to cancel compression.</param>
    /// <returns>The compressed text. Its token count, measured with the request's counter, is at most the budget.</returns>
    Task<CompressedText> CompressAsync(SegmentCompressionRequest request, CancellationToken cancellationToken = default);
}
