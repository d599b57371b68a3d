namespace Squeeze.Middleware;

/// <summary>A conversation split into segments, with the question taken from the last user message.</summary>
/// <param name="Segments">The segments, in message and content order.</param>
/// <param name="Query">The text of the last user message, or empty.</param>
internal sealed record SegmentedConversation(IReadOnlyList<ContextSegment> Segments, string Query);
