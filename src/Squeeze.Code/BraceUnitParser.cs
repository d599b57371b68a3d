namespace Squeeze.Code;

/// <summary>
/// Splits brace-language code (JavaScript, TypeScript, Java, Go, Rust, C, C++) into units using the scanner's line model:
/// a unit starts on a line at the container's depth and ends where the depth returns and the line ends a statement.
/// </summary>
internal static class BraceUnitParser
{
    private static readonly HashSet<string> ControlWords = new(StringComparer.Ordinal)
    {
        "if", "for", "foreach", "while", "switch", "catch", "else", "do", "try", "using", "lock", "return",
        "fixed", "checked", "unchecked", "synchronized", "unsafe", "new", "await", "yield",
    };

    private static readonly HashSet<string> ContainerTypeWords = new(StringComparer.Ordinal) { "class", "interface", "trait", "impl", "union", "record" };

    public static void Parse(ParsedCode code, CancellationToken cancellationToken)
    {
        if (code.Lines.Length > 0)
        {
            ParseRange(code, 0, code.Lines.Length - 1, 0, -1, inType: false, cancellationToken);
        }
    }

    internal static void ParseRange(ParsedCode code, int first, int last, int depth, int parent, bool inType, CancellationToken cancellationToken)
    {
        SourceLine[] lines = code.Lines;
        int i = first;
        while (i <= last)
        {
            cancellationToken.ThrowIfCancellationRequested();
            SourceLine line = lines[i];
            if (line.IsPreprocessor && code.Language is CodeLanguage.C or CodeLanguage.Cpp && IsInclude(code.Text, line))
            {
                code.AddUnit(CodeUnitKind.Import, code.Excerpt(line.ContentStart, line.ContentEnd), line.ContentStart, line.ContentEnd, default, parent);
                i++;
                continue;
            }

            if (!line.HasCode || !line.StartsInCode || line.Depth != depth || IsAccessLabel(code.Text, line))
            {
                i++;
                continue;
            }

            int j = FindStatementEnd(code, i, last, depth, line.Paren);
            AddUnit(code, i, j, depth, parent, inType, cancellationToken);
            i = j + 1;
        }
    }

    private static bool IsInclude(string text, SourceLine line)
    {
        ReadOnlySpan<char> content = text.AsSpan(line.ContentStart, line.ContentEnd - line.ContentStart);
        return content.StartsWith("#include", StringComparison.Ordinal) || content.StartsWith("#import", StringComparison.Ordinal);
    }

    private static bool IsAccessLabel(string text, SourceLine line)
    {
        ReadOnlySpan<char> content = text.AsSpan(line.FirstCode, line.LastCode - line.FirstCode + 1);
        return content is "public:" or "private:" or "protected:" or "public :" or "private :" or "protected :";
    }

    private static int FindStatementEnd(ParsedCode code, int i, int last, int depth, int baseParen)
    {
        SourceLine[] lines = code.Lines;
        string text = code.Text;
        bool newlineEnds = code.Language is CodeLanguage.JavaScript or CodeLanguage.TypeScript or CodeLanguage.Go;
        for (int k = i; k < last; k++)
        {
            SourceLine line = lines[k];
            SourceLine next = lines[k + 1];
            if (next.Depth < depth && next.StartsInCode)
            {
                return k;
            }

            if (!line.HasCode || !next.StartsInCode || next.Depth != depth || next.Paren != baseParen)
            {
                continue;
            }

            char lastChar = text[line.LastCode];
            bool terminated = lastChar is ';' or '}'
                || (newlineEnds && lastChar is not (',' or '(' or '[' or '{' or '=' or '+' or '-' or '*' or '/' or '%' or '&' or '|' or '^' or '!' or '~' or '?' or ':' or '.' or '\\')
                    && !(lastChar == '>' && line.LastCode > 0 && text[line.LastCode - 1] == '='));
            if (!terminated || text[line.FirstCode] == '@' && line.LastCode == LastCodeOfDecorator(text, line))
            {
                continue;
            }

            int m = k + 1;
            while (m <= last && !lines[m].HasCode)
            {
                m++;
            }

            if (m <= last && StartsWithContinuation(text, lines[m]))
            {
                continue;
            }

            return k;
        }

        return last;
    }

    private static int LastCodeOfDecorator(string text, SourceLine line) =>
        text[line.LastCode] is ')' or ']' || char.IsLetterOrDigit(text[line.LastCode]) ? line.LastCode : -1;

    internal static bool StartsWithContinuation(string text, SourceLine line)
    {
        char c = text[line.FirstCode];
        if (c is '.' or '?' or ':' or ')' or ']' or '{' or '&' or '|' or '+' or '=' or ',' or '-' or '*' or '/')
        {
            return c != '-' || line.FirstCode + 1 < text.Length && text[line.FirstCode + 1] == '>';
        }

        ReadOnlySpan<char> rest = text.AsSpan(line.FirstCode, line.LastCode - line.FirstCode + 1);
        return StartsWithWord(rest, "else") || StartsWithWord(rest, "catch") || StartsWithWord(rest, "finally") || StartsWithWord(rest, "where");
    }

    private static bool StartsWithWord(ReadOnlySpan<char> text, string word) =>
        text.StartsWith(word, StringComparison.Ordinal) && (text.Length == word.Length || !char.IsLetterOrDigit(text[word.Length]) && text[word.Length] != '_');

    private static void AddUnit(ParsedCode code, int i, int j, int depth, int parent, bool inType, CancellationToken cancellationToken)
    {
        SourceLine[] lines = code.Lines;
        int start = lines[i].ContentStart;
        int end = lines[j].ContentEnd;
        BracePair? body = FindBody(code.Pairs, start, end, depth, lines[i].Paren);
        int headerEnd = body?.Open ?? end;
        HeaderInfo header = HeaderInfo.Analyze(code.Text.AsSpan(start, headerEnd - start));
        (CodeUnitKind kind, string name, bool container) = Classify(code, header, body.HasValue, inType);
        if (name.Length == 0)
        {
            name = code.Excerpt(start, end);
        }

        TextSpan bodySpan = default;
        if (body is { Close: >= 0 } b && b.Close < end && kind is CodeUnitKind.Function or CodeUnitKind.Type or CodeUnitKind.Namespace)
        {
            bodySpan = code.Trim(b.Open + 1, b.Close);
        }

        int index = code.AddUnit(kind, name, start, end, bodySpan, parent);
        if (container && body is { } pair)
        {
            int openLine = code.LineOf(pair.Open);
            int closeLine = pair.Close >= 0 ? code.LineOf(pair.Close) - 1 : j;
            if (lines[openLine].LastCode == pair.Open && closeLine >= openLine + 1)
            {
                ParseRange(code, openLine + 1, Math.Min(closeLine, j), depth + 1, index, kind == CodeUnitKind.Type, cancellationToken);
            }
        }
    }

    private static BracePair? FindBody(BracePair[] pairs, int start, int end, int depth, int paren)
    {
        int lo = 0;
        int hi = pairs.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (pairs[mid].Open < start)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        for (int k = lo; k < pairs.Length && pairs[k].Open < end; k++)
        {
            if (pairs[k].Depth == depth && pairs[k].Paren == paren)
            {
                return pairs[k];
            }
        }

        return null;
    }

    private static (CodeUnitKind Kind, string Name, bool Container) Classify(ParsedCode code, HeaderInfo header, bool hasBody, bool inType)
    {
        List<string> words = header.Words;
        int first = 0;
        while (first < words.Count && words[first] is "export" or "default" or "declare" or "pub" or "public" or "private" or "protected" or "internal" or "static" or "abstract" or "final" or "sealed" or "async" or "extern" && !(words[first] == "extern" && (header.HasExternC || first + 1 < words.Count && words[first + 1] == "crate")))
        {
            first++;
        }

        string firstWord = first < words.Count ? words[first] : string.Empty;
        if (firstWord is "import" or "use" or "package" || firstWord == "extern" && header.WordAfter(first) == "crate"
            || header.AssignWord >= 0 && words.Contains("require") && !hasBody)
        {
            return (CodeUnitKind.Import, code.Language == CodeLanguage.Go && firstWord == "package" ? "package " + header.WordAfter(first) : string.Empty, false);
        }

        if (hasBody)
        {
            if (firstWord == "extern" && header.HasExternC)
            {
                return (CodeUnitKind.Namespace, "extern", true);
            }

            int limit = header.WordsBeforeParen;
            foreach (string keyword in (string[])["namespace", "module", "mod"])
            {
                int at = header.IndexOf(keyword, limit);
                if (at >= 0)
                {
                    return (CodeUnitKind.Namespace, header.WordAfter(at), true);
                }
            }

            if (firstWord == "type" && code.Language is CodeLanguage.Go or CodeLanguage.TypeScript)
            {
                return (CodeUnitKind.Type, header.WordAfter(first), false);
            }

            foreach (string keyword in (string[])["class", "struct", "interface", "enum", "trait", "impl", "union", "record"])
            {
                int at = header.IndexOf(keyword, limit);
                if (at < 0)
                {
                    continue;
                }

                bool extends = words.Contains("extends") || words.Contains("implements");
                if (header.HasParen && !extends && header.WordsBeforeParen - at >= 3 && keyword is "struct" or "class" or "union" or "enum")
                {
                    break; // A function returning a struct: `struct point make_point(int x)`.
                }

                if (keyword == "enum" && at + 1 < words.Count && words[at + 1] is "class" or "struct")
                {
                    at++;
                }

                string name = keyword == "impl"
                    ? (words.IndexOf("for") is int f and >= 0 ? header.WordAfter(f) : header.WordAfter(at))
                    : header.WordAfter(at);
                bool container = ContainerTypeWords.Contains(keyword) || keyword == "struct" && code.Language is CodeLanguage.C or CodeLanguage.Cpp;
                return (CodeUnitKind.Type, name, container);
            }
        }

        if (ControlWords.Contains(firstWord) || (code.Language == CodeLanguage.Rust && firstWord is "match" or "loop") || (code.Language == CodeLanguage.Go && firstWord is "select" or "defer" or "go"))
        {
            return (inType ? CodeUnitKind.Member : CodeUnitKind.Statement, string.Empty, false);
        }

        int keywordAt = Math.Max(Math.Max(header.IndexOf("function", words.Count), header.IndexOf("func", words.Count)), header.IndexOf("fn", words.Count));
        if (hasBody && (header.HasParen || header.HasArrow || keywordAt >= 0))
        {
            string name;
            if (keywordAt >= 0 && keywordAt + 1 < words.Count)
            {
                name = words[keywordAt + 1];
            }
            else if (header.AssignWord > 0 && (header.HasArrow || keywordAt >= 0) && header.AssignWord <= header.WordsBeforeParen)
            {
                name = words[header.AssignWord - 1];
            }
            else
            {
                name = header.WordsBeforeParen > 0 ? words[header.WordsBeforeParen - 1] : string.Empty;
            }

            return (CodeUnitKind.Function, name, false);
        }

        string declared;
        if (header.ColonWord > first && (header.AssignWord < 0 || header.ColonWord < header.AssignWord))
        {
            declared = words[header.ColonWord - 1];
        }
        else if (header.HasParen && header.WordsBeforeParen > 0 && (header.AssignWord < 0 || header.AssignWord > header.WordsBeforeParen))
        {
            declared = words[header.WordsBeforeParen - 1];
        }
        else if (header.AssignWord > 0)
        {
            declared = words[header.AssignWord - 1];
        }
        else
        {
            declared = words.Count > 0 ? words[^1] : string.Empty;
        }

        return (inType ? CodeUnitKind.Member : CodeUnitKind.Statement, declared, false);
    }
}
