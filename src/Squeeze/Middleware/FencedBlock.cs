namespace Squeeze.Middleware;

/// <summary>A Markdown fenced code block: its opening fence line, body and closing fence line.</summary>
/// <param name="Open">The opening fence line, including its line break.</param>
/// <param name="Body">The code between the fences.</param>
/// <param name="Close">The closing fence line (empty at the end of an unclosed block).</param>
/// <param name="Language">The fence's info string (first word), or <see langword="null"/>.</param>
internal readonly record struct FencedBlock(TextSpan Open, TextSpan Body, TextSpan Close, string? Language);
