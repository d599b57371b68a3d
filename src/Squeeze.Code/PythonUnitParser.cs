namespace Squeeze.Code;

/// <summary>
/// Splits Python into units by indentation: decorators attach to the following <c>def</c> or <c>class</c>, bracketed and
/// triple-quoted continuations belong to their statement, and <c>elif</c>/<c>else</c>/<c>except</c>/<c>finally</c> continue it.
/// A compound statement whose suites define functions or classes is split into its clauses, each a block holding its units.
/// </summary>
internal static class PythonUnitParser
{
    public static void Parse(ParsedCode code, CancellationToken cancellationToken)
    {
        if (code.Lines.Length > 0)
        {
            ParseRange(code, 0, code.Lines.Length - 1, -1, inClass: false, cancellationToken);
        }
    }

    /// <summary>Whether line <paramref name="k"/> starts a logical line (not a continuation).</summary>
    internal static bool IsLogicalStart(ParsedCode code, int k)
    {
        SourceLine line = code.Lines[k];
        if (!line.HasCode || !line.StartsInCode || line.Depth != 0)
        {
            return false;
        }

        for (int p = k - 1; p >= 0; p--)
        {
            SourceLine previous = code.Lines[p];
            if (previous.IsBlank)
            {
                return true;
            }

            if (previous.HasCode)
            {
                return code.Text[previous.LastCode] != '\\';
            }

            if (!previous.IsCommentOnly)
            {
                return true;
            }
        }

        return true;
    }

    internal static int Indent(SourceLine line) => line.ContentStart - line.Start;

    /// <summary>Gets the last line of the logical line that starts at <paramref name="k"/>.</summary>
    internal static int LogicalEnd(ParsedCode code, int k)
    {
        int m = k;
        while (m + 1 < code.Lines.Length)
        {
            SourceLine next = code.Lines[m + 1];
            bool continuation = !next.StartsInCode || next.Depth > 0 || (code.Lines[m].HasCode && code.Text[code.Lines[m].LastCode] == '\\');
            if (!continuation)
            {
                break;
            }

            m++;
        }

        return m;
    }

    internal static bool IsClauseContinuation(ParsedCode code, SourceLine line)
    {
        ReadOnlySpan<char> content = code.Text.AsSpan(line.FirstCode, line.LastCode - line.FirstCode + 1);
        return StartsWithWord(content, "elif") || StartsWithWord(content, "else") || StartsWithWord(content, "except") || StartsWithWord(content, "finally");
    }

    private static bool StartsWithWord(ReadOnlySpan<char> text, string word) =>
        text.StartsWith(word, StringComparison.Ordinal) && (text.Length == word.Length || !char.IsLetterOrDigit(text[word.Length]) && text[word.Length] != '_');

    private static void ParseRange(ParsedCode code, int first, int last, int parent, bool inClass, CancellationToken cancellationToken)
    {
        SourceLine[] lines = code.Lines;
        int indent = -1;
        int i = first;
        while (i <= last)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!IsLogicalStart(code, i))
            {
                i++;
                continue;
            }

            int lineIndent = Indent(lines[i]);
            if (indent < 0)
            {
                indent = lineIndent;
            }

            if (lineIndent != indent)
            {
                i++;
                continue;
            }

            int k = i;
            while (code.Text[lines[k].FirstCode] == '@')
            {
                int n = LogicalEnd(code, k) + 1;
                while (n <= last && !lines[n].HasCode)
                {
                    n++;
                }

                if (n > last || !IsLogicalStart(code, n) || Indent(lines[n]) != indent)
                {
                    break;
                }

                k = n;
            }

            int headerEnd = Math.Min(LogicalEnd(code, k), last);
            int end = BlockEnd(code, headerEnd, indent, last);
            ReadOnlySpan<char> content = code.Text.AsSpan(lines[k].FirstCode, lines[k].LastCode - lines[k].FirstCode + 1);
            CodeUnitKind kind;
            string name = string.Empty;
            if (StartsWithWord(content, "def") || StartsWithWord(content, "async") && content.Contains(" def ", StringComparison.Ordinal))
            {
                kind = CodeUnitKind.Function;
                name = WordAfter(content, "def");
            }
            else if (StartsWithWord(content, "class"))
            {
                kind = CodeUnitKind.Type;
                name = WordAfter(content, "class");
            }
            else if (StartsWithWord(content, "import") || StartsWithWord(content, "from"))
            {
                kind = CodeUnitKind.Import;
            }
            else
            {
                kind = inClass ? CodeUnitKind.Member : CodeUnitKind.Statement;
                int eq = content.IndexOf('=');
                int colon = content.IndexOf(':');
                int cut = eq > 0 && (colon < 0 || colon > eq) ? eq : colon > 0 ? colon : -1;
                if (cut > 0 && IsIdentifierLike(content[..cut].TrimEnd()))
                {
                    name = content[..cut].Trim().ToString();
                }
            }

            if (name.Length == 0)
            {
                name = code.Excerpt(lines[k].ContentStart, lines[k].ContentEnd);
            }

            if (kind is CodeUnitKind.Statement or CodeUnitKind.Member && end > headerEnd && lines[headerEnd].HasCode
                && code.Text[lines[headerEnd].LastCode] == ':' && DefinesFunctionsOrClasses(code, headerEnd + 1, end))
            {
                AddClauses(code, i, headerEnd, end, indent, parent, inClass, cancellationToken);
                i = end + 1;
                continue;
            }

            TextSpan body = default;
            int bodyFirst = -1;
            if (kind is CodeUnitKind.Function or CodeUnitKind.Type && lines[headerEnd].HasCode && code.Text[lines[headerEnd].LastCode] == ':' && end > headerEnd)
            {
                bodyFirst = headerEnd + 1;
                while (bodyFirst <= end && lines[bodyFirst].IsBlank)
                {
                    bodyFirst++;
                }

                body = TextSpan.FromBounds(lines[bodyFirst].ContentStart, lines[end].ContentEnd);
            }

            int index = code.AddUnit(kind, name, lines[i].ContentStart, lines[end].ContentEnd, body, parent);
            if (kind == CodeUnitKind.Type && bodyFirst >= 0)
            {
                ParseRange(code, bodyFirst, end, index, inClass: true, cancellationToken);
            }

            i = end + 1;
        }
    }

    /// <summary>
    /// Adds each clause of a compound statement whose suites define functions or classes (<c>if os.name == "nt":</c> ...
    /// <c>else:</c>, <c>try:</c> ... <c>except ImportError:</c>) as a block that contains the units of its suite, so that its
    /// definitions are ranked like any other and the clause headers stay as skeleton. As one statement, ctypes/util.py's
    /// platform branches were a single unit of 2,749 tokens, dropped whole.
    /// </summary>
    private static void AddClauses(ParsedCode code, int start, int headerEnd, int end, int indent, int parent, bool inClass, CancellationToken cancellationToken)
    {
        SourceLine[] lines = code.Lines;
        int clauseStart = start;
        int clauseHeaderEnd = headerEnd;
        while (clauseStart <= end)
        {
            int next = clauseHeaderEnd + 1;
            while (next <= end && !(IsLogicalStart(code, next) && Indent(lines[next]) == indent && IsClauseContinuation(code, lines[next])))
            {
                next++;
            }

            int clauseEnd = next - 1;
            while (clauseEnd > clauseHeaderEnd && !lines[clauseEnd].HasCode)
            {
                clauseEnd--;
            }

            int bodyFirst = clauseHeaderEnd + 1;
            while (bodyFirst <= clauseEnd && !lines[bodyFirst].HasCode)
            {
                bodyFirst++;
            }

            TextSpan body = bodyFirst <= clauseEnd ? TextSpan.FromBounds(lines[bodyFirst].ContentStart, lines[clauseEnd].ContentEnd) : default;
            int index = code.AddUnit(CodeUnitKind.Block, code.Excerpt(lines[clauseStart].ContentStart, lines[clauseStart].ContentEnd), lines[clauseStart].ContentStart, lines[clauseEnd].ContentEnd, body, parent);
            if (bodyFirst <= clauseEnd)
            {
                ParseRange(code, bodyFirst, clauseEnd, index, inClass, cancellationToken);
            }

            if (next > end)
            {
                break;
            }

            clauseStart = next;
            clauseHeaderEnd = Math.Min(LogicalEnd(code, next), end);
        }
    }

    /// <summary>Whether the suite in lines [<paramref name="first"/>, <paramref name="last"/>] holds a <c>def</c> or <c>class</c> (or a decorator) at its own indentation.</summary>
    private static bool DefinesFunctionsOrClasses(ParsedCode code, int first, int last)
    {
        SourceLine[] lines = code.Lines;
        int indent = -1;
        for (int m = first; m <= last; m++)
        {
            if (!lines[m].HasCode || !IsLogicalStart(code, m))
            {
                continue;
            }

            if (indent < 0)
            {
                indent = Indent(lines[m]);
            }

            ReadOnlySpan<char> content = code.Text.AsSpan(lines[m].FirstCode, lines[m].LastCode - lines[m].FirstCode + 1);
            bool definition = content[0] == '@' || StartsWithWord(content, "def") || StartsWithWord(content, "class")
                || (StartsWithWord(content, "async") && content.Contains(" def ", StringComparison.Ordinal));
            if (definition && Indent(lines[m]) == indent)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Gets the last line of the statement whose header ends at <paramref name="headerEnd"/>, including its indented suite.</summary>
    internal static int BlockEnd(ParsedCode code, int headerEnd, int indent, int last)
    {
        SourceLine[] lines = code.Lines;
        int end = headerEnd;
        int m = headerEnd + 1;
        while (m <= last)
        {
            SourceLine line = lines[m];
            if (line.IsBlank)
            {
                m++;
                continue;
            }

            if (!line.HasCode && line.StartsInCode)
            {
                if (Indent(line) <= indent)
                {
                    break;
                }

                m++;
                continue;
            }

            if (IsLogicalStart(code, m) && Indent(line) <= indent && !(Indent(line) == indent && IsClauseContinuation(code, line)))
            {
                break;
            }

            end = LogicalEnd(code, m);
            if (end > last)
            {
                end = last;
            }

            m = end + 1;
        }

        return end;
    }

    private static bool IsIdentifierLike(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!char.IsLetterOrDigit(c) && c is not ('_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static string WordAfter(ReadOnlySpan<char> content, string keyword)
    {
        int at = content.IndexOf(keyword + " ", StringComparison.Ordinal);
        if (at < 0)
        {
            return string.Empty;
        }

        ReadOnlySpan<char> rest = content[(at + keyword.Length)..].TrimStart();
        int n = 0;
        while (n < rest.Length && (char.IsLetterOrDigit(rest[n]) || rest[n] == '_'))
        {
            n++;
        }

        return rest[..n].ToString();
    }
}
