namespace Squeeze.Extractive;

/// <summary>
/// Finds sentence starts inside a run of prose in one left-to-right pass (linear time, no regular expressions).
/// A boundary follows a terminator (. ! ? … and the CJK, Devanagari, Arabic and other full stops), any closing quotes
/// or brackets, and whitespace; it is suppressed after abbreviations, initials and leading list numbers, inside numbers,
/// URLs and e-mail addresses (no whitespace after the dot), and when the next word starts with a lower-case letter.
/// </summary>
internal static class SentenceScanner
{
    private static readonly string[] _abbreviations =
    [
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "cf", "al", "fig", "figs", "no", "nos", "vol", "vols", "pp", "p",
        "ch", "sec", "eq", "eqs", "approx", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
        "oct", "nov", "dec", "mt", "ft", "gen", "gov", "sen", "rep", "rev", "hon", "capt", "col", "lt", "sgt", "dept", "univ", "est",
        "ca", "viz", "resp", "ed", "eds", "op", "cit", "ibid", "messrs", "mme", "mlle", "esp", "incl", "e.g", "i.e", "a.k.a",
    ];

    /// <summary>Adds to <paramref name="starts"/> the start of every sentence after the first in <c>text[start..end)</c>.</summary>
    public static void FindSentenceStarts(string text, int start, int end, List<int> starts)
    {
        int i = start;
        while (i < end)
        {
            char c = text[i];
            if (!IsTerminator(c))
            {
                i++;
                continue;
            }

            int termStart = i;
            int j = i;
            bool strong = false;
            while (j < end && IsTerminator(text[j]))
            {
                strong |= IsStrongTerminator(text[j]);
                j++;
            }

            while (j < end && IsCloser(text[j]))
            {
                j++;
            }

            if (j >= end)
            {
                return;
            }

            if (!char.IsWhiteSpace(text[j]) && !strong)
            {
                i = j;
                continue;
            }

            int k = j;
            while (k < end && char.IsWhiteSpace(text[k]))
            {
                k++;
            }

            if (k >= end)
            {
                return;
            }

            if (!strong && IsBoundarySuppressed(text, start, termStart, j, k))
            {
                i = k;
                continue;
            }

            starts.Add(k);
            i = k;
        }
    }

    private static bool IsBoundarySuppressed(string text, int blockStart, int termStart, int termEnd, int next)
    {
        // Lower-case continuation: "e.g. the", "Wait... what", "\"Really?\" she asked".
        int m = next;
        while (m < text.Length && IsOpener(text[m]))
        {
            m++;
        }

        if (m < text.Length && char.IsLower(text[m]))
        {
            return true;
        }

        bool singleDot = text[termStart] == '.' && (termStart + 1 == termEnd || !IsTerminator(text[termStart + 1]));
        if (!singleDot)
        {
            return false;
        }

        // The word right before the dot: letters, digits and inner dots.
        int w = termStart;
        while (w > blockStart && (char.IsLetterOrDigit(text[w - 1]) || (text[w - 1] == '.' && w - 1 > blockStart && char.IsLetter(text[w - 2]))))
        {
            w--;
        }

        ReadOnlySpan<char> word = text.AsSpan(w, termStart - w);
        if (word.IsEmpty)
        {
            return false;
        }

        bool allDigits = true;
        foreach (char ch in word)
        {
            allDigits &= char.IsAsciiDigit(ch);
        }

        if (allDigits)
        {
            // "1. First item" at the very start of a block is a list number, not a sentence.
            return text.AsSpan(blockStart, w - blockStart).IsWhiteSpace();
        }

        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            return true; // an initial: "J. R. R. Tolkien"
        }

        if (word.Contains('.'))
        {
            return IsDottedAbbreviation(word); // "U.S.", "e.g.", "Ph.D." but not "example.com"
        }

        if (word.Equals("etc", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (string abbreviation in _abbreviations)
        {
            if (word.Equals(abbreviation, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDottedAbbreviation(ReadOnlySpan<char> word)
    {
        foreach (Range part in word.Split('.'))
        {
            ReadOnlySpan<char> segment = word[part];
            if (segment.Length > 2)
            {
                return false;
            }

            foreach (char ch in segment)
            {
                if (!char.IsLetter(ch))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsTerminator(char c) => c is '.' or '!' or '?' or '…' or '‼' or '⁇' or '⁈' or '⁉' or '؟' or '۔' or '።' or '፧' or '჻' or '။' || IsStrongTerminator(c);

    /// <summary>Full stops of scripts written without spaces between sentences: a boundary needs no whitespace after them.</summary>
    private static bool IsStrongTerminator(char c) => c is '。' or '！' or '？' or '｡' or '।' or '॥' or '︒' or '﹒' or '﹗' or '﹖';

    private static bool IsCloser(char c) => c is '"' or '\'' or ')' or ']' or '}' or '”' or '’' or '»' or '›' or '」' or '』' or '）' or '】' or '〉' or '》' or '〕' or '*' or '_';

    private static bool IsOpener(char c) => c is '"' or '\'' or '(' or '[' or '{' or '“' or '‘' or '«' or '‹' or '「' or '『' or '（' or '【' or '*' or '_' or '¿' or '¡';
}
