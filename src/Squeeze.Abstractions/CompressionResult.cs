namespace Squeeze;

/// <summary>The output of an <see cref="IContextCompressor"/>: one compressed text per input segment, and a report.</summary>
/// <param name="Texts">The compressed text of each input segment, in input order (protected segments unchanged).</param>
/// <param name="Report">What the compression did.</param>
public sealed record CompressionResult(IReadOnlyList<string> Texts, CompressionReport Report);
