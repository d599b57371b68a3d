namespace Squeeze;

/// <summary>A range of characters in a string: <see cref="Start"/> and <see cref="Length"/> in UTF-16 code units.</summary>
/// <param name="Start">The index of the first character.</param>
/// <param name="Length">The number of characters.</param>
public readonly record struct TextSpan(int Start, int Length)
{
    /// <summary>Gets the index just past the last character.</summary>
    public int End => Start + Length;

    /// <summary>Creates a span from a start index and an exclusive end index.</summary>
    /// <param name="start">The index of the first character.</param>
    /// <param name="end">The index just past the last character.</param>
    /// <returns>The span.</returns>
    public static TextSpan FromBounds(int start, int end) => new(start, end - start);
}
