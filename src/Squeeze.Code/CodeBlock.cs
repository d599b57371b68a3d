namespace Squeeze.Code;

/// <summary>A run of whole statements inside a unit's body, the item the fine stage keeps or drops.</summary>
/// <param name="Span">The block's characters, trimmed of surrounding whitespace.</param>
/// <param name="FirstLine">The 0-based first line.</param>
/// <param name="LastLine">The 0-based last line.</param>
internal readonly record struct CodeBlock(TextSpan Span, int FirstLine, int LastLine);
