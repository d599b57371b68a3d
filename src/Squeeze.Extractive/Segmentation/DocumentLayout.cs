namespace Squeeze.Extractive;

/// <summary>
/// The hand-written, linear-time scanner behind <see cref="TextSegmenter"/>: classifies lines, groups them into blocks
/// (prose paragraphs, list items, chat turns, headings, tables, fenced code), then finds sentence starts inside prose.
/// Units start at their first non-whitespace character; whitespace between units belongs to the preceding unit.
/// </summary>
internal static class DocumentLayout
{
    public static SegmentedText Analyze(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentenceStarts = new List<int>();
        var titleSentenceStarts = new List<int>();
        var paragraphStarts = new List<int>();
        var titleParagraphStarts = new List<int>();
        var markerStarts = new List<int>();
        var sectionStarts = new List<int>();

        int proseStart = -1;
        int proseEnd = -1;
        bool proseIsMarker = false;
        bool proseMultiLine = false;
        bool inTable = false;

        void CloseProse()
        {
            if (proseStart >= 0)
            {
                int before = sentenceStarts.Count;
                sentenceStarts.Add(proseStart);
                SentenceScanner.FindSentenceStarts(text, proseStart, proseEnd, sentenceStarts);
                if (proseIsMarker)
                {
                    titleSentenceStarts.Add(sentenceStarts[before]);
                    if (!proseMultiLine && sentenceStarts.Count == before + 1)
                    {
                        titleParagraphStarts.Add(proseStart);
                    }
                }
            }

            proseStart = -1;
            proseIsMarker = false;
            proseMultiLine = false;
        }

        int pos = 0;
        int n = text.Length;
        while (pos < n)
        {
            int contentEnd = LineEnd(text, pos);
            int next = NextLine(text, contentEnd);
            ReadOnlySpan<char> line = text.AsSpan(pos, contentEnd - pos);
            LineKind kind = LineClassifier.Classify(line, out int indent);
            int first = pos + indent;

            if (kind != LineKind.TableRow)
            {
                inTable = false;
            }

            switch (kind)
            {
                case LineKind.Blank:
                    CloseProse();
                    break;

                case LineKind.FenceDelimiter:
                {
                    CloseProse();
                    int open = LineClassifier.FenceLength(line[indent..], out char fenceChar);
                    paragraphStarts.Add(first);
                    sentenceStarts.Add(first);
                    // Skip to the closing fence (or the end of the text): the whole block is one unit.
                    int p = next;
                    while (p < n)
                    {
                        int e = LineEnd(text, p);
                        int q = NextLine(text, e);
                        ReadOnlySpan<char> inner = text.AsSpan(p, e - p);
                        int ind = 0;
                        while (ind < inner.Length && ind <= 3 && inner[ind] == ' ')
                        {
                            ind++;
                        }

                        if (LineClassifier.FenceLength(inner[ind..], out char c) >= open && c == fenceChar && inner[(ind + open)..].IsWhiteSpace()
                            && LineClassifier.FenceLength(inner[ind..], out _) == inner[ind..].TrimEnd().Length)
                        {
                            p = q;
                            break;
                        }

                        p = q;
                    }

                    next = p;
                    break;
                }

                case LineKind.Heading:
                case LineKind.Rule:
                    CloseProse();
                    paragraphStarts.Add(first);
                    sentenceStarts.Add(first);
                    sectionStarts.Add(first);
                    if (kind == LineKind.Heading)
                    {
                        titleSentenceStarts.Add(first);
                        titleParagraphStarts.Add(first);
                    }

                    break;

                case LineKind.TableRow:
                    CloseProse();
                    if (!inTable)
                    {
                        paragraphStarts.Add(first);
                        inTable = true;
                    }

                    sentenceStarts.Add(first);
                    break;

                case LineKind.ListItem:
                case LineKind.ChatTurn:
                case LineKind.PassageMarker:
                    CloseProse();
                    paragraphStarts.Add(first);
                    proseStart = first;
                    proseEnd = contentEnd;
                    if (kind == LineKind.PassageMarker)
                    {
                        markerStarts.Add(first);
                        proseIsMarker = true;
                    }

                    break;

                default:
                    if (proseStart < 0)
                    {
                        paragraphStarts.Add(first);
                        proseStart = first;
                    }
                    else
                    {
                        proseMultiLine = true;
                    }

                    proseEnd = contentEnd;
                    break;
            }

            pos = next;
        }

        CloseProse();

        List<int> passageStarts = markerStarts.Count > 0 ? markerStarts : sectionStarts.Count > 0 ? sectionStarts : paragraphStarts;
        TextSpan[] sentences = ToSpans(text, sentenceStarts, n);
        TextSpan[] paragraphs = ToSpans(text, paragraphStarts, n);
        TextSpan[] passages = ToSpans(text, passageStarts, n);
        return new SegmentedText(text, sentences, paragraphs, passages, Flags(sentences, titleSentenceStarts), Flags(paragraphs, titleParagraphStarts));
    }

    private static int LineEnd(string text, int pos)
    {
        int i = text.AsSpan(pos).IndexOfAny('\n', '\r');
        return i < 0 ? text.Length : pos + i;
    }

    private static int NextLine(string text, int contentEnd)
    {
        if (contentEnd >= text.Length)
        {
            return text.Length;
        }

        return text[contentEnd] == '\r' && contentEnd + 1 < text.Length && text[contentEnd + 1] == '\n' ? contentEnd + 2 : contentEnd + 1;
    }

    /// <summary>Turns unit starts (ascending, possibly repeated) into spans that tile [0, length).</summary>
    private static TextSpan[] ToSpans(string text, List<int> starts, int length)
    {
        if (length == 0)
        {
            return [];
        }

        // Leading whitespace joins the first unit, so a start at the first visible character is no cut.
        int firstVisible = 0;
        while (firstVisible < length && char.IsWhiteSpace(text[firstVisible]))
        {
            firstVisible++;
        }

        var spans = new List<TextSpan>(starts.Count + 1);
        int current = 0;
        foreach (int s in starts)
        {
            if (s <= current || s <= firstVisible || s >= length)
            {
                continue;
            }

            spans.Add(TextSpan.FromBounds(current, s));
            current = s;
        }

        spans.Add(TextSpan.FromBounds(current, length));
        return [.. spans];
    }

    private static bool[] Flags(TextSpan[] units, List<int> flaggedStarts)
    {
        var flags = new bool[units.Length];
        int u = 0;
        foreach (int s in flaggedStarts)
        {
            while (u < units.Length && units[u].End <= s)
            {
                u++;
            }

            if (u < units.Length)
            {
                flags[u] = true;
            }
        }

        return flags;
    }
}
