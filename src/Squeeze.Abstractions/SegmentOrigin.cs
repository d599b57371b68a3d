namespace Squeeze;

/// <summary>Where a <see cref="ContextSegment"/> came from in the original chat messages.</summary>
/// <param name="MessageIndex">The index of the message in the request, or -1 when the segment did not come from a message.</param>
/// <param name="ContentIndex">The index of the content item inside the message, or -1.</param>
/// <param name="Span">The characters of that content's text that the segment covers.</param>
public readonly record struct SegmentOrigin(int MessageIndex, int ContentIndex, TextSpan Span)
{
    /// <summary>Gets an origin for text that did not come from a chat message.</summary>
    public static SegmentOrigin None => new(-1, -1, default);
}
