namespace Squeeze.Code;

/// <summary>
/// A structural unit of source code: an import, a type, a function, a member, a statement or a block,
/// with the characters and lines it covers.
/// </summary>
/// <param name="Kind">What the unit is.</param>
/// <param name="Name">The declared name (for example a function's identifier), or a short excerpt of the first line when it declares none.</param>
/// <param name="Span">The unit's characters: from its first attribute, decorator or keyword to the end of its last line's content. Leading comments are not included.</param>
/// <param name="StartLine">The 1-based line of the span's first character.</param>
/// <param name="EndLine">The 1-based line of the span's last character.</param>
/// <param name="Body">The characters of the body that may be elided, trimmed of surrounding whitespace (between the braces, or the indented block in Python); empty when the unit has no elidable body.</param>
/// <param name="Parent">The index of the enclosing unit in the parsed list, or -1 at the top level.</param>
public sealed record CodeUnit(CodeUnitKind Kind, string Name, TextSpan Span, int StartLine, int EndLine, TextSpan Body, int Parent)
{
    /// <summary>Gets a value indicating whether the unit has a body that may be replaced by an elision marker.</summary>
    public bool HasBody => Body.Length > 0;

    /// <summary>Gets the declaration: the span up to the body (the whole span when there is none).</summary>
    internal TextSpan Header => TextSpan.FromBounds(Span.Start, HasBody ? Body.Start : Span.End);
}
