namespace Squeeze.Extractive;

/// <summary>Classifies a single line (without its line break) by looking at its first characters only.</summary>
internal static class LineClassifier
{
    private static readonly string[] _markerWords = ["document", "doc", "passage", "source", "chunk", "context", "article", "snippet", "result"];
    private static readonly string[] _roleWords = ["user", "assistant", "system", "human", "ai", "bot", "tool", "model", "q", "a"];

    public static LineKind Classify(ReadOnlySpan<char> line, out int indent)
    {
        indent = 0;
        while (indent < line.Length && IsInlineSpace(line[indent]))
        {
            indent++;
        }

        ReadOnlySpan<char> s = line[indent..];
        if (s.IsEmpty || s.IsWhiteSpace())
        {
            return LineKind.Blank;
        }

        if (indent <= 3 && FenceLength(s, out _) >= 3)
        {
            return LineKind.FenceDelimiter;
        }

        if (indent <= 3 && IsHeading(s))
        {
            return LineKind.Heading;
        }

        if (IsRule(s))
        {
            return LineKind.Rule;
        }

        if (s[0] == '|')
        {
            return LineKind.TableRow;
        }

        if (IsPassageMarker(s))
        {
            return LineKind.PassageMarker;
        }

        if (IsListItem(s))
        {
            return LineKind.ListItem;
        }

        return IsChatTurn(s) ? LineKind.ChatTurn : LineKind.Text;
    }

    /// <summary>Gets the length of a run of backticks or tildes opening <paramref name="s"/>; 0 when there is none.</summary>
    public static int FenceLength(ReadOnlySpan<char> s, out char fenceChar)
    {
        fenceChar = s.IsEmpty ? '\0' : s[0];
        if (fenceChar is not ('`' or '~'))
        {
            return 0;
        }

        int n = 0;
        while (n < s.Length && s[n] == fenceChar)
        {
            n++;
        }

        return n;
    }

    public static bool IsInlineSpace(char c) => c is ' ' or '\t' or '\u00A0' or '\u3000' || (c != '\n' && c != '\r' && char.IsWhiteSpace(c));

    private static bool IsHeading(ReadOnlySpan<char> s)
    {
        int n = 0;
        while (n < s.Length && s[n] == '#')
        {
            n++;
        }

        return n is >= 1 and <= 6 && (n == s.Length || s[n] is ' ' or '\t');
    }

    private static bool IsRule(ReadOnlySpan<char> s)
    {
        char c = s[0];
        if (c is not ('-' or '*' or '_' or '='))
        {
            return false;
        }

        int count = 0;
        foreach (char ch in s)
        {
            if (ch == c)
            {
                count++;
            }
            else if (!IsInlineSpace(ch))
            {
                return false;
            }
        }

        return count >= 3;
    }

    private static bool IsListItem(ReadOnlySpan<char> s)
    {
        char c = s[0];
        if (c is '-' or '*' or '+' or '•' or '◦' or '‣' or '▪' or '●' or '·' or '–')
        {
            return s.Length == 1 || IsInlineSpace(s[1]);
        }

        int digits = 0;
        while (digits < s.Length && digits < 9 && char.IsAsciiDigit(s[digits]))
        {
            digits++;
        }

        if (digits > 0)
        {
            return digits < s.Length && s[digits] is '.' or ')' && (digits + 1 == s.Length || IsInlineSpace(s[digits + 1]));
        }

        return s.Length >= 2 && char.IsAsciiLetter(c) && s[1] == ')' && (s.Length == 2 || IsInlineSpace(s[2]));
    }

    private static bool IsPassageMarker(ReadOnlySpan<char> s)
    {
        if (s[0] == '[')
        {
            int d = 1;
            while (d < s.Length && char.IsAsciiDigit(s[d]))
            {
                d++;
            }

            return d > 1 && d < s.Length && s[d] == ']';
        }

        if (s[0] == '<')
        {
            ReadOnlySpan<char> tag = s[1..];
            return tag.StartsWith("document", StringComparison.OrdinalIgnoreCase)
                || tag.StartsWith("doc>", StringComparison.OrdinalIgnoreCase)
                || tag.StartsWith("doc ", StringComparison.OrdinalIgnoreCase)
                || tag.StartsWith("passage", StringComparison.OrdinalIgnoreCase);
        }

        foreach (string word in _markerWords)
        {
            if (!s.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            int i = word.Length;
            while (i < s.Length && IsInlineSpace(s[i]))
            {
                i++;
            }

            bool bracket = i < s.Length && s[i] is '[' or '#';
            if (bracket)
            {
                i++;
            }

            int digitsStart = i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            if (i == digitsStart || (bracket && s[digitsStart - 1] == '[' && (i >= s.Length || s[i] != ']')))
            {
                return false;
            }

            if (i < s.Length && s[i] == ']')
            {
                i++;
            }

            return i == s.Length || s[i] is ':' or ')' or '(' or '.' or '-' or '|' or '>' || IsInlineSpace(s[i]);
        }

        return false;
    }

    private static bool IsChatTurn(ReadOnlySpan<char> s)
    {
        int colon = s.IndexOf(':');
        if (colon <= 0 || colon > 32 || (colon + 1 < s.Length && !IsInlineSpace(s[colon + 1])))
        {
            return false;
        }

        ReadOnlySpan<char> label = s[..colon];
        bool known = false;
        foreach (string role in _roleWords)
        {
            if (label.Equals(role, StringComparison.OrdinalIgnoreCase))
            {
                known = true;
                break;
            }
        }

        if (!known && !char.IsUpper(label[0]))
        {
            return false;
        }

        int words = 1;
        for (int i = 0; i < label.Length; i++)
        {
            char c = label[i];
            if (c == ' ')
            {
                if (i + 1 < label.Length && !char.IsUpper(label[i + 1]))
                {
                    return false;
                }

                words++;
            }
            else if (!char.IsLetterOrDigit(c) && c is not ('_' or '-'))
            {
                return false;
            }
        }

        return words <= 3;
    }
}
