using System.Text;

namespace Squeeze;

/// <summary>
/// The result of compressing one text: spans of the original, in order, joined with optional elision markers.
/// Nothing else is ever inserted.
/// </summary>
public sealed class CompressedText
{
    private CompressedText(string text, TextSpan[] keptSpans, string method)
    {
        Text = text;
        KeptSpans = keptSpans;
        Method = method;
    }

    /// <summary>Gets the compressed text.</summary>
    public string Text { get; }

    /// <summary>Gets the spans of the original text that were kept, in order and not overlapping.</summary>
    public IReadOnlyList<TextSpan> KeptSpans { get; }

    /// <summary>Gets the name of the method that produced the result.</summary>
    public string Method { get; }

    /// <summary>Returns the original text unchanged.</summary>
    /// <param name="source">The original text.</param>
    /// <param name="method">The method name to report.</param>
    /// <returns>A result that keeps everything.</returns>
    public static CompressedText Unchanged(string source, string method)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new CompressedText(source, source.Length == 0 ? [] : [new TextSpan(0, source.Length)], method);
    }

    /// <summary>
    /// Builds a result from kept spans of <paramref name="source"/>. Adjacent spans are merged; where text was dropped
    /// between two kept spans (or before the first or after the last), <paramref name="elisionMarker"/> is inserted if it is not empty.
    /// </summary>
    /// <param name="source">The original text.</param>
    /// <param name="keptSpans">Spans of <paramref name="source"/> in ascending order, not overlapping.</param>
    /// <param name="method">The method name to report.</param>
    /// <param name="elisionMarker">Text that stands for a dropped stretch; empty for none.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">The spans are out of range, out of order or overlapping.</exception>
    public static CompressedText FromSpans(string source, IReadOnlyList<TextSpan> keptSpans, string method, string elisionMarker = "")
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(keptSpans);
        ArgumentNullException.ThrowIfNull(elisionMarker);
        var merged = new List<TextSpan>(keptSpans.Count);
        int previousEnd = 0;
        foreach (TextSpan span in keptSpans)
        {
            if (span.Start < previousEnd || span.Length < 0 || span.End > source.Length)
            {
                throw new ArgumentException($"Kept span {span} is out of order, overlapping or outside the text of length {source.Length}.", nameof(keptSpans));
            }

            if (span.Length == 0)
            {
                continue;
            }

            if (merged.Count > 0 && merged[^1].End == span.Start)
            {
                merged[^1] = TextSpan.FromBounds(merged[^1].Start, span.End);
            }
            else
            {
                merged.Add(span);
            }

            previousEnd = span.End;
        }

        var builder = new StringBuilder(source.Length);
        int cursor = 0;
        foreach (TextSpan span in merged)
        {
            if (span.Start > cursor)
            {
                builder.Append(elisionMarker);
            }

            builder.Append(source, span.Start, span.Length);
            cursor = span.End;
        }

        if (cursor < source.Length && merged.Count > 0)
        {
            builder.Append(elisionMarker);
        }

        return new CompressedText(builder.ToString(), [.. merged], method);
    }
}
