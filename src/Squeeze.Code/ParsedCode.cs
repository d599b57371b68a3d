namespace Squeeze.Code;

/// <summary>A source text with its lexical line model and its structural units (parents listed before their children).</summary>
internal sealed class ParsedCode
{
    private readonly List<CodeUnit> _units = [];

    private ParsedCode(string text, CodeLanguage language, SourceLine[] lines, BracePair[] pairs)
    {
        Text = text;
        Language = language;
        Lines = lines;
        Pairs = pairs;
    }

    public string Text { get; }

    public CodeLanguage Language { get; }

    public SourceLine[] Lines { get; }

    public BracePair[] Pairs { get; }

    public IReadOnlyList<CodeUnit> Units => _units;

    public static ParsedCode Create(string text, CodeLanguage language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        CodeLanguage lexical = language == CodeLanguage.Unknown ? CodeLanguage.Unknown : language;
        (SourceLine[] lines, BracePair[] pairs) = SourceScanner.Scan(text, lexical);
        var code = new ParsedCode(text, language, lines, pairs);
        cancellationToken.ThrowIfCancellationRequested();
        switch (language)
        {
            case CodeLanguage.CSharp:
                CSharpUnitParser.Parse(code, cancellationToken);
                break;
            case CodeLanguage.Python:
                PythonUnitParser.Parse(code, cancellationToken);
                break;
            case CodeLanguage.Unknown:
                LineBlockParser.Parse(code, cancellationToken);
                break;
            default:
                BraceUnitParser.Parse(code, cancellationToken);
                break;
        }

        return code;
    }

    /// <summary>Gets the 0-based index of the line that holds <paramref name="offset"/>.</summary>
    public int LineOf(int offset)
    {
        int lo = 0;
        int hi = Lines.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >> 1;
            if (Lines[mid].Start <= offset)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    /// <summary>Returns <paramref name="start"/>..<paramref name="end"/> trimmed of whitespace on both sides.</summary>
    public TextSpan Trim(int start, int end)
    {
        while (start < end && char.IsWhiteSpace(Text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(Text[end - 1]))
        {
            end--;
        }

        return TextSpan.FromBounds(start, end);
    }

    public int AddUnit(CodeUnitKind kind, string name, int start, int end, TextSpan body, int parent)
    {
        if (end < start)
        {
            end = start;
        }

        if (body.Length > 0 && (body.Start < start || body.End > end))
        {
            body = default;
        }

        int startLine = LineOf(start);
        int endLine = LineOf(Math.Max(start, end - 1));
        _units.Add(new CodeUnit(kind, name, TextSpan.FromBounds(start, end), startLine + 1, endLine + 1, body, parent));
        return _units.Count - 1;
    }

    /// <summary>Gets where a unit's leading comment block starts: the first of the comment-only lines directly above it, or its span start.</summary>
    public int LeadingStart(CodeUnit unit)
    {
        int line = unit.StartLine - 1;
        int start = unit.Span.Start;
        if (Lines[line].ContentStart != unit.Span.Start)
        {
            return start;
        }

        for (int k = line - 1; k >= 0 && Lines[k].IsCommentOnly; k--)
        {
            start = Lines[k].ContentStart;
        }

        return start;
    }

    /// <summary>Returns a short one-line excerpt of the text at <paramref name="start"/>.</summary>
    public string Excerpt(int start, int end)
    {
        int lineEnd = Lines[LineOf(start)].ContentEnd;
        int stop = Math.Min(Math.Min(end, lineEnd), start + 60);
        return stop > start ? Text[start..stop] : string.Empty;
    }
}
