namespace Squeeze.Code;

/// <summary>
/// What the header of a brace-language declaration (the text before its body) says: its words at nesting level zero,
/// where its first parenthesis is, and whether it assigns or has an arrow.
/// </summary>
internal sealed class HeaderInfo
{
    private HeaderInfo(List<string> words, int wordsBeforeParen, int assignWord, int colonWord, bool hasArrow, bool hasParen, bool hasExternC)
    {
        ColonWord = colonWord;
        Words = words;
        WordsBeforeParen = wordsBeforeParen;
        AssignWord = assignWord;
        HasArrow = hasArrow;
        HasParen = hasParen;
        HasExternC = hasExternC;
    }

    /// <summary>Gets the identifiers outside parentheses, brackets, generic arguments and attributes, in order.</summary>
    public List<string> Words { get; }

    /// <summary>Gets how many words come before the first top-level parenthesis (all of them when there is none).</summary>
    public int WordsBeforeParen { get; }

    /// <summary>Gets how many words come before the first top-level assignment, or -1 when there is none.</summary>
    public int AssignWord { get; }

    /// <summary>Gets how many words come before the first top-level type-annotation colon, or -1 when there is none.</summary>
    public int ColonWord { get; }

    public bool HasArrow { get; }

    public bool HasParen { get; }

    public bool HasExternC { get; }

    public static HeaderInfo Analyze(ReadOnlySpan<char> header)
    {
        var words = new List<string>();
        int wordsBeforeParen = -1;
        int assignWord = -1;
        int colonWord = -1;
        bool arrow = false;
        bool externC = false;
        int paren = 0;
        int bracket = 0;
        int i = 0;
        while (i < header.Length)
        {
            char c = header[i];
            char next = i + 1 < header.Length ? header[i + 1] : '\0';
            if (c is '"' or '\'' or '`')
            {
                int end = header[(i + 1)..].IndexOf(c);
                if (c == '"' && words.Count > 0 && words[^1] == "extern")
                {
                    externC = true;
                }

                i = end < 0 ? header.Length : i + end + 2;
                continue;
            }

            if (c == '/' && next == '/')
            {
                int end = header[i..].IndexOf('\n');
                i = end < 0 ? header.Length : i + end;
                continue;
            }

            if (c == '/' && next == '*')
            {
                int end = header[(i + 2)..].IndexOf("*/");
                i = end < 0 ? header.Length : i + end + 4;
                continue;
            }

            if (c == '@' && paren == 0 && bracket == 0)
            {
                // A decorator or annotation: skip its name and arguments.
                int j = i + 1;
                while (j < header.Length && (char.IsLetterOrDigit(header[j]) || header[j] is '_' or '.'))
                {
                    j++;
                }

                if (j < header.Length && header[j] == '(')
                {
                    j = SkipBalanced(header, j, '(', ')');
                }

                i = j;
                continue;
            }

            if (char.IsLetter(c) || c == '_' || c == '$')
            {
                int j = i + 1;
                while (j < header.Length && (char.IsLetterOrDigit(header[j]) || header[j] is '_' or '$'))
                {
                    j++;
                }

                if (paren == 0 && bracket == 0)
                {
                    string word = header[i..j].ToString();
                    words.Add(word);
                    int k = j;
                    while (k < header.Length && header[k] == ' ')
                    {
                        k++;
                    }

                    if (k < header.Length && header[k] == '<' && (k + 1 >= header.Length || header[k + 1] != '<') && word != "operator")
                    {
                        j = SkipAngles(header, k);
                    }
                    else if (k < header.Length && header[k] == '(' && word == "pub")
                    {
                        j = SkipBalanced(header, k, '(', ')');
                    }
                }

                i = j;
                continue;
            }

            switch (c)
            {
                case '(':
                    if (paren == 0 && bracket == 0 && wordsBeforeParen < 0)
                    {
                        wordsBeforeParen = words.Count;
                    }

                    paren++;
                    break;
                case ')':
                    paren = Math.Max(0, paren - 1);
                    break;
                case '[':
                    bracket++;
                    break;
                case ']':
                    bracket = Math.Max(0, bracket - 1);
                    break;
                case ':' when paren == 0 && bracket == 0:
                    if (next == ':' || (i > 0 && header[i - 1] == ':'))
                    {
                        break;
                    }

                    if (colonWord < 0 && wordsBeforeParen < 0)
                    {
                        colonWord = words.Count;
                    }

                    break;
                case '=' when paren == 0 && bracket == 0:
                    char previous = i > 0 ? header[i - 1] : '\0';
                    if (next == '>')
                    {
                        arrow = true;
                        i++;
                    }
                    else if (next != '=' && previous is not ('=' or '!' or '<' or '>') && assignWord < 0)
                    {
                        assignWord = words.Count;
                    }

                    break;
            }

            i++;
        }

        bool hasParen = wordsBeforeParen >= 0;
        return new HeaderInfo(words, hasParen ? wordsBeforeParen : words.Count, assignWord, colonWord, arrow, hasParen, externC);
    }

    public int IndexOf(string word, int limit)
    {
        for (int i = 0; i < Math.Min(limit, Words.Count); i++)
        {
            if (Words[i] == word)
            {
                return i;
            }
        }

        return -1;
    }

    public string WordAfter(int index) => index + 1 < Words.Count ? Words[index + 1] : string.Empty;

    private static int SkipBalanced(ReadOnlySpan<char> text, int i, char open, char close)
    {
        int depth = 0;
        for (int j = i; j < text.Length; j++)
        {
            if (text[j] == open)
            {
                depth++;
            }
            else if (text[j] == close && --depth == 0)
            {
                return j + 1;
            }
        }

        return text.Length;
    }

    private static int SkipAngles(ReadOnlySpan<char> text, int i)
    {
        int depth = 0;
        for (int j = i; j < text.Length; j++)
        {
            char c = text[j];
            if (c == '<')
            {
                depth++;
            }
            else if (c == '>' && (j == 0 || text[j - 1] != '='))
            {
                if (--depth == 0)
                {
                    return j + 1;
                }
            }
            else if (c is '(' or '{' or ';' or '=')
            {
                return i + 1;
            }
        }

        return i + 1;
    }
}
