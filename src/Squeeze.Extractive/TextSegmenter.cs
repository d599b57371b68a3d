namespace Squeeze.Extractive;

/// <summary>
/// Splits text into sentences, paragraphs or passages with a linear-time, hand-written scanner.
/// The units tile the text: they are in order, do not overlap, and concatenated reproduce it exactly;
/// whitespace between two units belongs to the first of them.
/// </summary>
/// <remarks>
/// Handles abbreviations (Dr., U.S., e.g., etc.), decimals, initials, URLs and e-mail addresses, quotes,
/// bulleted and numbered lists (one unit per item), Markdown headings, table rows and fenced code blocks (one unit per block),
/// CJK, Devanagari, Arabic and other full stops, chat transcripts (<c>User:</c> / <c>Assistant:</c> lines start units),
/// and documents delimited by <c>Document [n]</c>, <c>[n]</c> or heading lines (passages).
/// </remarks>
public static class TextSegmenter
{
    /// <summary>Splits <paramref name="text"/> into units of the given level.</summary>
    /// <param name="text">The text.</param>
    /// <param name="level">How coarse the units are.</param>
    /// <returns>The units as spans of <paramref name="text"/>; empty for an empty text.</returns>
    public static TextSpan[] Split(string text, TextUnitLevel level)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!Enum.IsDefined(level))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown unit level.");
        }

        return DocumentLayout.Analyze(text).Get(level);
    }
}
