using System.Text;

namespace Squeeze;

/// <summary>
/// The result of compressing one text: spans of the original, in order, and optional elision markers between them.
/// Nothing else is ever inserted.
/// </summary>
public sealed class CompressedText
{
    private readonly TextPiece[] _pieces;

    private CompressedText(string text, TextPiece[] pieces, string method)
    {
        Text = text;
        _pieces = pieces;
        Method = method;
        var kept = new List<TextSpan>(pieces.Length);
        foreach (TextPiece piece in pieces)
        {
            if (!piece.IsMarker)
            {
                kept.Add(piece.Span);
            }
        }

        KeptSpans = kept;
    }

    /// <summary>Gets the compressed text.</summary>
    public string Text { get; }

    /// <summary>Gets the spans of the original text that were kept, in order and not overlapping.</summary>
    public IReadOnlyList<TextSpan> KeptSpans { get; }

    /// <summary>Gets the pieces the text is made of, in order: kept spans of the original and elision markers.</summary>
    public IReadOnlyList<TextPiece> Pieces => _pieces;

    /// <summary>Gets the name of the method that produced the result.</summary>
    public string Method { get; }

    /// <summary>Returns the original text unchanged.</summary>
    /// <param name="source">The original text.</param>
    /// <param name="method">The method name to report.</param>
    /// <returns>A result that keeps everything.</returns>
    public static CompressedText Unchanged(string source, string method)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new CompressedText(source, source.Length == 0 ? [] : [TextPiece.Kept(new TextSpan(0, source.Length))], method);
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
        ValidateSpans(source, keptSpans);
        var pieces = new List<TextPiece>(keptSpans.Count * 2);
        int cursor = 0;
        foreach (TextSpan span in keptSpans)
        {
            if (span.Length == 0)
            {
                continue;
            }

            if (span.Start > cursor && elisionMarker.Length > 0)
            {
                pieces.Add(TextPiece.Elision(elisionMarker));
            }

            pieces.Add(TextPiece.Kept(span));
            cursor = span.End;
        }

        if (cursor < source.Length && pieces.Count > 0 && elisionMarker.Length > 0)
        {
            pieces.Add(TextPiece.Elision(elisionMarker));
        }

        return FromPieces(source, pieces, method);
    }

    /// <summary>Builds a result from pieces: kept spans of <paramref name="source"/> in ascending order, and elision markers anywhere between them.</summary>
    /// <param name="source">The original text.</param>
    /// <param name="pieces">The pieces, in output order.</param>
    /// <param name="method">The method name to report.</param>
    /// <returns>The result; adjacent kept spans are merged.</returns>
    /// <exception cref="ArgumentException">The spans are out of range, out of order or overlapping.</exception>
    public static CompressedText FromPieces(string source, IReadOnlyList<TextPiece> pieces, string method)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(pieces);
        ArgumentNullException.ThrowIfNull(method);
        var merged = new List<TextPiece>(pieces.Count);
        var builder = new StringBuilder();
        int previousEnd = 0;
        foreach (TextPiece piece in pieces)
        {
            if (piece.IsMarker)
            {
                merged.Add(piece);
                builder.Append(piece.Marker);
                continue;
            }

            TextSpan span = piece.Span;
            if (span.Start < previousEnd || span.Length < 0 || span.End > source.Length)
            {
                throw new ArgumentException($"Kept span {span} is out of order, overlapping or outside the text of length {source.Length}.", nameof(pieces));
            }

            if (span.Length == 0)
            {
                continue;
            }

            if (merged.Count > 0 && !merged[^1].IsMarker && merged[^1].Span.End == span.Start)
            {
                merged[^1] = TextPiece.Kept(TextSpan.FromBounds(merged[^1].Span.Start, span.End));
            }
            else
            {
                merged.Add(piece);
            }

            builder.Append(source, span.Start, span.Length);
            previousEnd = span.End;
        }

        return new CompressedText(builder.ToString(), [.. merged], method);
    }

    /// <summary>
    /// Expresses a second compression, applied to the output of a first, in terms of the first's original text:
    /// kept spans of <paramref name="second"/> map back through <paramref name="first"/>'s pieces.
    /// </summary>
    /// <param name="source">The original text that <paramref name="first"/> compressed.</param>
    /// <param name="first">The first compression.</param>
    /// <param name="second">A compression of <paramref name="first"/>'s <see cref="Text"/>.</param>
    /// <param name="method">The method name to report.</param>
    /// <returns>The combined result; its <see cref="Text"/> equals <paramref name="second"/>'s.</returns>
    public static CompressedText Compose(string source, CompressedText first, CompressedText second, string method)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var pieces = new List<TextPiece>(second._pieces.Length);
        int index = 0, position = 0; // the first result's piece at which `position` (an offset in first.Text) starts
        foreach (TextPiece outer in second._pieces)
        {
            if (outer.IsMarker)
            {
                pieces.Add(outer);
                continue;
            }

            // Outer spans ascend, so the walk over the first result's pieces only moves forward.
            while (index < first._pieces.Length)
            {
                TextPiece inner = first._pieces[index];
                int length = inner.IsMarker ? inner.Marker!.Length : inner.Span.Length;
                int start = Math.Max(position, outer.Span.Start);
                int end = Math.Min(position + length, outer.Span.End);
                if (start < end)
                {
                    pieces.Add(inner.IsMarker
                        ? TextPiece.Elision(inner.Marker!.Substring(start - position, end - start))
                        : TextPiece.Kept(new TextSpan(inner.Span.Start + (start - position), end - start)));
                }

                if (position + length > outer.Span.End)
                {
                    break;
                }

                position += length;
                index++;
            }
        }

        return FromPieces(source, pieces, method);
    }

    private static void ValidateSpans(string source, IReadOnlyList<TextSpan> spans)
    {
        int previousEnd = 0;
        foreach (TextSpan span in spans)
        {
            if (span.Start < previousEnd || span.Length < 0 || span.End > source.Length)
            {
                throw new ArgumentException($"Kept span {span} is out of order, overlapping or outside the text of length {source.Length}.", nameof(spans));
            }

            previousEnd = Math.Max(previousEnd, span.End);
        }
    }
}
