namespace Squeeze;

/// <summary>What happened to one segment.</summary>
/// <param name="Kind">The segment's kind.</param>
/// <param name="Origin">Where the segment came from.</param>
/// <param name="Method">The method applied, or "unchanged" / "protected".</param>
/// <param name="TokensBefore">Target tokens before compression.</param>
/// <param name="TokensAfter">Target tokens after compression.</param>
public sealed record SegmentReport(SegmentKind Kind, SegmentOrigin Origin, string Method, int TokensBefore, int TokensAfter);
