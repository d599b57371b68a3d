namespace Squeeze;

/// <summary>One piece of a compressed text: either a kept span of the original or an elision marker.</summary>
public readonly record struct TextPiece
{
    private TextPiece(TextSpan span, string? marker)
    {
        Span = span;
        Marker = marker;
    }

    /// <summary>Gets the kept span of the original (empty for a marker).</summary>
    public TextSpan Span { get; }

    /// <summary>Gets the marker text, or <see langword="null"/> for a kept span.</summary>
    public string? Marker { get; }

    /// <summary>Gets a value indicating whether the piece is an elision marker.</summary>
    public bool IsMarker => Marker is not null;

    /// <summary>Creates a piece that keeps <paramref name="span"/> of the original.</summary>
    /// <param name="span">The span.</param>
    /// <returns>The piece.</returns>
    public static TextPiece Kept(TextSpan span) => new(span, null);

    /// <summary>Creates an elision marker piece.</summary>
    /// <param name="marker">The marker's text, not empty.</param>
    /// <returns>The piece.</returns>
    public static TextPiece Elision(string marker)
    {
        ArgumentException.ThrowIfNullOrEmpty(marker);
        return new(default, marker);
    }
}
