namespace Squeeze.Code;

/// <summary>
/// A single-pass, linear-time lexical scanner: finds comments, strings (including verbatim, raw, interpolated and template
/// strings), char literals and preprocessor lines, and records per line the brace and parenthesis depth and where code is.
/// It never throws on malformed code: unterminated strings end at the line end (or the text end for multi-line kinds) and
/// unbalanced braces leave pairs open or are ignored.
/// </summary>
internal sealed class SourceScanner
{
    private const int MaxNesting = 32;

    private readonly string _text;
    private readonly CodeLanguage _language;
    private readonly bool _python;
    private readonly bool _js;
    private readonly bool _preprocessor;
    private readonly bool _charLiterals;
    private readonly List<SourceLine> _lines = [];
    private readonly List<BracePair> _pairs = [];
    private readonly Stack<int> _open = new();
    private int _depth;
    private int _paren;
    private int _lineStart;
    private int _lineDepth;
    private int _lineParen;
    private bool _lineInCode = true;
    private int _first = -1;
    private int _last = -1;
    private bool _pre;
    private char _previous;
    private bool _previousIsKeyword;

    private SourceScanner(string text, CodeLanguage language)
    {
        _text = text;
        _language = language;
        _python = language == CodeLanguage.Python;
        _js = language is CodeLanguage.JavaScript or CodeLanguage.TypeScript;
        _preprocessor = language is CodeLanguage.C or CodeLanguage.Cpp or CodeLanguage.CSharp;
        _charLiterals = language is CodeLanguage.C or CodeLanguage.Cpp or CodeLanguage.CSharp or CodeLanguage.Java or CodeLanguage.Go or CodeLanguage.Rust;
    }

    public static (SourceLine[] Lines, BracePair[] Pairs) Scan(string text, CodeLanguage language)
    {
        var scanner = new SourceScanner(text, language);
        int end = scanner.ScanCode(0, hole: false, nesting: 0);
        while (end < text.Length)
        {
            // A stray '}' closed a hole that was never opened; resume at top level.
            end = scanner.ScanCode(end, hole: false, nesting: 0);
        }

        scanner.EndLine(text.Length, true);
        return ([.. scanner._lines], [.. scanner._pairs]);
    }

    private static bool IsIdentStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsIdentPart(char c) => char.IsLetterOrDigit(c) || c == '_';

    private void EndLine(int lineBreak, bool nextInCode)
    {
        int end = lineBreak > _lineStart && _text[lineBreak - 1] == '\r' ? lineBreak - 1 : lineBreak;
        int contentStart = _lineStart;
        while (contentStart < end && char.IsWhiteSpace(_text[contentStart]))
        {
            contentStart++;
        }

        int contentEnd = end;
        while (contentEnd > contentStart && char.IsWhiteSpace(_text[contentEnd - 1]))
        {
            contentEnd--;
        }

        int first = _first >= _lineStart && _first < end ? _first : -1;
        int last = first >= 0 ? Math.Clamp(_last, first, end - 1) : -1;
        _lines.Add(new SourceLine(_lineStart, end, contentStart, contentEnd, _lineDepth, _lineParen, _lineInCode, first, last, _pre));
        _lineStart = lineBreak + 1;
        _lineDepth = _python ? _paren : _depth;
        _lineParen = _paren;
        _lineInCode = nextInCode;
        _first = -1;
        _last = -1;
        _pre = false;
    }

    private void Touch(int i)
    {
        if (_first < 0)
        {
            _first = i;
        }

        _last = i;
    }

    private int ScanCode(int i, bool hole, int nesting)
    {
        int holeDepth = 0;
        int n = _text.Length;
        while (i < n)
        {
            char c = _text[i];
            if (c == '\n')
            {
                EndLine(i, !hole);
                i++;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            char next = i + 1 < n ? _text[i + 1] : '\0';
            if (_python)
            {
                if (c == '#')
                {
                    i = SkipLine(i);
                    continue;
                }
            }
            else if (c == '/' && next == '/')
            {
                i = SkipLine(i);
                continue;
            }
            else if (c == '/' && next == '*')
            {
                i = SkipBlockComment(i);
                continue;
            }
            else if (c == '#' && _preprocessor && !hole && _first < 0)
            {
                i = SkipPreprocessor(i);
                continue;
            }

            if (IsIdentStart(c) || (_js && c == '$' && next != '{'))
            {
                i = ScanIdentifier(i, nesting);
                continue;
            }

            bool regexAllowed = _js && c == '/' && (_previousIsKeyword || _previous is '\0' or '(' or ',' or '=' or ':' or '[' or '!' or '&' or '|' or '?' or '{' or '}' or ';' or '+' or '-' or '*' or '%' or '<' or '>' or '~' or '^');
            Touch(i);
            _previous = c;
            _previousIsKeyword = false;
            switch (c)
            {
                case '{':
                    if (hole)
                    {
                        holeDepth++;
                    }
                    else
                    {
                        Open(i);
                    }

                    break;
                case '}':
                    if (hole)
                    {
                        if (holeDepth == 0)
                        {
                            return i + 1;
                        }

                        holeDepth--;
                    }
                    else
                    {
                        Close();
                    }

                    break;
                case '(' or '[':
                    if (!hole)
                    {
                        _paren++;
                    }

                    break;
                case ')' or ']':
                    if (!hole && _paren > 0)
                    {
                        _paren--;
                    }

                    break;
                case '"':
                    i = ScanDoubleQuote(i, nesting);
                    continue;
                case '\'':
                    i = ScanSingleQuote(i);
                    continue;
                case '`':
                    if (_js)
                    {
                        i = ScanTemplate(i, nesting);
                        continue;
                    }

                    if (_language == CodeLanguage.Go)
                    {
                        i = ScanUntil(i + 1, "`");
                        continue;
                    }

                    break;
                case '@' or '$' when _language == CodeLanguage.CSharp && (next == '"' || next == '$' || next == '@'):
                    i = ScanCSharpString(i, nesting);
                    continue;
                case '/' when regexAllowed:
                    i = ScanRegex(i);
                    continue;
            }

            i++;
        }

        return i;
    }

    private void Open(int i)
    {
        if (_python)
        {
            _paren++;
            return;
        }

        _pairs.Add(new BracePair(i, -1, _depth, _paren));
        _open.Push(_pairs.Count - 1);
        _depth++;
    }

    private void Close()
    {
        if (_python)
        {
            if (_paren > 0)
            {
                _paren--;
            }

            return;
        }

        if (_open.Count == 0)
        {
            return;
        }

        int index = _open.Pop();
        _pairs[index] = _pairs[index] with { Close = _last };
        _depth--;
    }

    private int SkipLine(int i)
    {
        int end = _text.IndexOf('\n', i);
        return end < 0 ? _text.Length : end;
    }

    private int SkipBlockComment(int i)
    {
        int n = _text.Length;
        int nest = 1;
        int j = i + 2;
        while (j < n)
        {
            char c = _text[j];
            if (c == '\n')
            {
                EndLine(j, false);
                j++;
                continue;
            }

            if (c == '*' && j + 1 < n && _text[j + 1] == '/')
            {
                nest--;
                j += 2;
                if (nest == 0 || _language != CodeLanguage.Rust)
                {
                    return j;
                }

                continue;
            }

            if (_language == CodeLanguage.Rust && c == '/' && j + 1 < n && _text[j + 1] == '*')
            {
                nest++;
                j += 2;
                continue;
            }

            j++;
        }

        return n;
    }

    private int SkipPreprocessor(int i)
    {
        int n = _text.Length;
        _pre = true;
        int j = i;
        while (j < n)
        {
            if (_text[j] == '\n')
            {
                int k = j - 1;
                if (k >= 0 && _text[k] == '\r')
                {
                    k--;
                }

                if (k >= i && _text[k] == '\\' && _language != CodeLanguage.CSharp)
                {
                    EndLine(j, true);
                    _pre = true;
                    j++;
                    continue;
                }

                return j;
            }

            j++;
        }

        return n;
    }

    private int ScanIdentifier(int i, int nesting)
    {
        int n = _text.Length;
        int j = i + 1;
        while (j < n && (IsIdentPart(_text[j]) || (_js && _text[j] == '$')))
        {
            j++;
        }

        if (j < n && j - i <= 3)
        {
            char q = _text[j];
            ReadOnlySpan<char> prefix = _text.AsSpan(i, j - i);
            if (_python && q is '"' or '\'' && IsPythonPrefix(prefix))
            {
                Touch(i);
                return ScanPythonString(j);
            }

            if (_language == CodeLanguage.Rust && (q == '"' || q == '#') && prefix is "r" or "br")
            {
                Touch(i);
                int end = ScanRustRaw(j);
                if (end > j)
                {
                    return end;
                }
            }

            if (_language == CodeLanguage.Rust && q is '"' or '\'' && prefix is "b")
            {
                Touch(i);
                return q == '"' ? ScanQuoted(j, '"', multiline: true) : ScanSingleQuote(j);
            }

            if (_language is CodeLanguage.C or CodeLanguage.Cpp && q == '"')
            {
                if (prefix is "R" or "u8R" or "uR" or "UR" or "LR")
                {
                    Touch(i);
                    return ScanCppRaw(j);
                }

                if (prefix is "u8" or "u" or "U" or "L")
                {
                    Touch(i);
                    return ScanQuoted(j, '"', multiline: false);
                }
            }
        }

        Touch(i);
        Touch(j - 1);
        _previous = _text[j - 1];
        ReadOnlySpan<char> word = _text.AsSpan(i, j - i);
        _previousIsKeyword = word is "return" or "typeof" or "case" or "yield" or "await" or "in" or "of" or "throw" or "void" or "delete";
        _ = nesting;
        return j;
    }

    private static bool IsPythonPrefix(ReadOnlySpan<char> prefix)
    {
        if (prefix.Length > 2)
        {
            return false;
        }

        foreach (char c in prefix)
        {
            if ("rRbBuUfFtT".IndexOf(c) < 0)
            {
                return false;
            }
        }

        return true;
    }

    private int ScanDoubleQuote(int i, int nesting) => _language switch
    {
        CodeLanguage.Python => ScanPythonString(i),
        CodeLanguage.CSharp => ScanCSharpString(i, nesting),
        CodeLanguage.Rust => ScanQuoted(i, '"', multiline: true),
        _ => ScanQuoted(i, '"', multiline: false),
    };

    private int ScanSingleQuote(int i)
    {
        if (!_charLiterals)
        {
            return _python ? ScanPythonString(i) : ScanQuoted(i, '\'', multiline: false);
        }

        int n = _text.Length;
        if (i + 1 < n && _text[i + 1] == '\\')
        {
            int limit = Math.Min(n, i + 14);
            for (int k = i + 3; k < limit; k++)
            {
                char c = _text[k];
                if (c == '\n')
                {
                    break;
                }

                if (c == '\'')
                {
                    Touch(k);
                    return k + 1;
                }
            }

            return i + 1;
        }

        if (i + 1 < n && _text[i + 1] != '\n')
        {
            int k = i + (char.IsHighSurrogate(_text[i + 1]) ? 3 : 2);
            if (k < n && _text[k] == '\'')
            {
                Touch(k);
                return k + 1;
            }
        }

        return i + 1;
    }

    private int ScanQuoted(int i, char quote, bool multiline)
    {
        int n = _text.Length;
        int j = i + 1;
        while (j < n)
        {
            char c = _text[j];
            if (c == '\\')
            {
                if (j + 1 < n && _text[j + 1] == '\n')
                {
                    EndLine(j + 1, false);
                }

                j += 2;
                continue;
            }

            if (c == '\n')
            {
                if (!multiline)
                {
                    return j;
                }

                EndLine(j, false);
                j++;
                continue;
            }

            if (c == quote)
            {
                Touch(j);
                return j + 1;
            }

            if (!char.IsWhiteSpace(c))
            {
                Touch(j);
            }

            j++;
        }

        return n;
    }

    private int ScanUntil(int j, string terminator)
    {
        int n = _text.Length;
        while (j < n)
        {
            char c = _text[j];
            if (c == '\n')
            {
                EndLine(j, false);
                j++;
                continue;
            }

            if (string.CompareOrdinal(_text, j, terminator, 0, terminator.Length) == 0)
            {
                Touch(j + terminator.Length - 1);
                return j + terminator.Length;
            }

            if (!char.IsWhiteSpace(c))
            {
                Touch(j);
            }

            j++;
        }

        return n;
    }

    private int ScanPythonString(int q)
    {
        int n = _text.Length;
        char quote = _text[q];
        Touch(q);
        if (q + 2 < n && _text[q + 1] == quote && _text[q + 2] == quote)
        {
            int j = q + 3;
            while (j < n)
            {
                char c = _text[j];
                if (c == '\\')
                {
                    if (j + 1 < n && _text[j + 1] == '\n')
                    {
                        EndLine(j + 1, false);
                    }

                    j += 2;
                    continue;
                }

                if (c == '\n')
                {
                    EndLine(j, false);
                    j++;
                    continue;
                }

                if (c == quote && j + 2 < n && _text[j + 1] == quote && _text[j + 2] == quote)
                {
                    Touch(j + 2);
                    return j + 3;
                }

                if (!char.IsWhiteSpace(c))
                {
                    Touch(j);
                }

                j++;
            }

            return n;
        }

        return ScanQuoted(q, quote, multiline: false);
    }

    private int ScanRustRaw(int j)
    {
        int n = _text.Length;
        int hashes = 0;
        while (j + hashes < n && _text[j + hashes] == '#')
        {
            hashes++;
        }

        if (j + hashes >= n || _text[j + hashes] != '"')
        {
            return j;
        }

        return ScanUntil(j + hashes + 1, "\"" + new string('#', hashes));
    }

    private int ScanCppRaw(int q)
    {
        int n = _text.Length;
        int k = q + 1;
        while (k < n && k - q <= 17 && _text[k] != '(' && _text[k] is not (' ' or ')' or '\\' or '\n' or '"'))
        {
            k++;
        }

        if (k >= n || _text[k] != '(')
        {
            return ScanQuoted(q, '"', multiline: false);
        }

        string delimiter = _text.Substring(q + 1, k - q - 1);
        return ScanUntil(k + 1, ")" + delimiter + "\"");
    }

    private int ScanCSharpString(int i, int nesting)
    {
        int n = _text.Length;
        int p = i;
        int dollars = 0;
        bool verbatim = false;
        while (p < n && p - i < 6 && _text[p] is '$' or '@')
        {
            if (_text[p] == '$')
            {
                dollars++;
            }
            else
            {
                verbatim = true;
            }

            p++;
        }

        if (p >= n || _text[p] != '"')
        {
            return i + 1;
        }

        int quotes = 0;
        while (p + quotes < n && _text[p + quotes] == '"')
        {
            quotes++;
        }

        if (quotes >= 3)
        {
            return ScanUntil(p + quotes, new string('"', quotes));
        }

        if (quotes == 2 && !verbatim)
        {
            Touch(p + 1);
            return p + 2;
        }

        if (dollars > 0)
        {
            return ScanInterpolated(p, verbatim, nesting);
        }

        if (!verbatim)
        {
            return ScanQuoted(p, '"', multiline: false);
        }

        int j = p + 1;
        while (j < n)
        {
            char c = _text[j];
            if (c == '\n')
            {
                EndLine(j, false);
                j++;
                continue;
            }

            if (c == '"')
            {
                if (j + 1 < n && _text[j + 1] == '"')
                {
                    j += 2;
                    continue;
                }

                Touch(j);
                return j + 1;
            }

            if (!char.IsWhiteSpace(c))
            {
                Touch(j);
            }

            j++;
        }

        return n;
    }

    private int ScanInterpolated(int p, bool verbatim, int nesting)
    {
        int n = _text.Length;
        int j = p + 1;
        while (j < n)
        {
            char c = _text[j];
            char next = j + 1 < n ? _text[j + 1] : '\0';
            if (c == '\n')
            {
                if (!verbatim)
                {
                    return j;
                }

                EndLine(j, false);
                j++;
                continue;
            }

            if (!verbatim && c == '\\')
            {
                j += 2;
                continue;
            }

            if (c == '"')
            {
                if (verbatim && next == '"')
                {
                    j += 2;
                    continue;
                }

                Touch(j);
                return j + 1;
            }

            if ((c == '{' && next == '{') || (c == '}' && next == '}'))
            {
                j += 2;
                continue;
            }

            if (c == '{' && nesting < MaxNesting)
            {
                Touch(j);
                j = ScanCode(j + 1, hole: true, nesting + 1);
                continue;
            }

            if (!char.IsWhiteSpace(c))
            {
                Touch(j);
            }

            j++;
        }

        return n;
    }

    private int ScanTemplate(int i, int nesting)
    {
        int n = _text.Length;
        int j = i + 1;
        while (j < n)
        {
            char c = _text[j];
            if (c == '\\')
            {
                if (j + 1 < n && _text[j + 1] == '\n')
                {
                    EndLine(j + 1, false);
                }

                j += 2;
                continue;
            }

            if (c == '\n')
            {
                EndLine(j, false);
                j++;
                continue;
            }

            if (c == '`')
            {
                Touch(j);
                _previous = '`';
                return j + 1;
            }

            if (c == '$' && j + 1 < n && _text[j + 1] == '{' && nesting < MaxNesting)
            {
                Touch(j);
                j = ScanCode(j + 2, hole: true, nesting + 1);
                continue;
            }

            if (!char.IsWhiteSpace(c))
            {
                Touch(j);
            }

            j++;
        }

        return n;
    }

    private int ScanRegex(int i)
    {
        int n = _text.Length;
        bool inClass = false;
        for (int j = i + 1; j < n; j++)
        {
            char c = _text[j];
            if (c == '\n')
            {
                return i + 1;
            }

            if (c == '\\')
            {
                j++;
                continue;
            }

            if (c == '[')
            {
                inClass = true;
            }
            else if (c == ']')
            {
                inClass = false;
            }
            else if (c == '/' && !inClass)
            {
                Touch(j);
                _previous = 'r';
                return j + 1;
            }
        }

        return i + 1;
    }
}
