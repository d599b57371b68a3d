namespace Squeeze.TokenPruning;

/// <summary>One <c>&lt;squeeze …&gt;…&lt;/squeeze&gt;</c> region of a text.</summary>
/// <param name="OpenTag">The opening tag's characters.</param>
/// <param name="Content">The characters between the tags.</param>
/// <param name="CloseTag">The closing tag's characters.</param>
/// <param name="Kind">What the region asks for.</param>
/// <param name="Rate">For <see cref="MarkupRegionKind.Rate"/>, the fraction of tokens to keep, from 0 to 1; 1 for <see cref="MarkupRegionKind.Keep"/>.</param>
public readonly record struct MarkupRegion(TextSpan OpenTag, TextSpan Content, TextSpan CloseTag, MarkupRegionKind Kind, double Rate);
