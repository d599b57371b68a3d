namespace Squeeze.Code;

/// <summary>
/// Turns code or a query into lowercase search terms: every identifier whole, plus its camelCase, PascalCase and snake_case parts.
/// </summary>
internal static class IdentifierSplitter
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "how", "i", "in", "is", "it", "of",
        "on", "or", "the", "this", "to", "what", "when", "where", "which", "who", "why", "with", "we", "you", "me", "my", "there",
        "that", "these", "those", "should", "would", "could", "into", "about", "code", "function", "method",
    };

    /// <summary>Adds the terms of <paramref name="text"/> to <paramref name="counts"/> and returns how many were added.</summary>
    /// <param name="text">The text.</param>
    /// <param name="counts">Term frequencies to add to.</param>
    /// <param name="identifiers">When not <see langword="null"/>, receives each whole identifier, lowercased.</param>
    /// <param name="dropStopWords">Whether to skip common English words (for queries).</param>
    public static int AddTerms(ReadOnlySpan<char> text, Dictionary<string, int> counts, HashSet<string>? identifiers, bool dropStopWords)
    {
        Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> buffer = stackalloc char[64];
        int added = 0;
        int i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]) && text[i] != '_')
            {
                i++;
                continue;
            }

            int start = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
            {
                i++;
            }

            ReadOnlySpan<char> word = text[start..i];
            if (word.Length > buffer.Length || char.IsDigit(word[0]))
            {
                continue;
            }

            Span<char> lower = buffer[..word.Length];
            word.ToLowerInvariant(lower);
            ReadOnlySpan<char> whole = lower.Trim('_');
            if (whole.Length < 2)
            {
                continue;
            }

            identifiers?.GetAlternateLookup<ReadOnlySpan<char>>().Add(whole);
            if (!(dropStopWords && StopWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(whole)))
            {
                Add(lookup, whole);
                added++;
            }

            // Parts: split at '_' and at case changes of the original word.
            int partStart = 0;
            for (int k = 1; k <= word.Length; k++)
            {
                bool boundary = k == word.Length || word[k] == '_' || word[k - 1] == '_'
                    || (char.IsUpper(word[k]) && char.IsLower(word[k - 1]))
                    || (char.IsUpper(word[k]) && k + 1 < word.Length && char.IsLower(word[k + 1]) && char.IsUpper(word[k - 1]))
                    || (char.IsDigit(word[k]) != char.IsDigit(word[k - 1]));
                if (!boundary)
                {
                    continue;
                }

                ReadOnlySpan<char> part = lower[partStart..k].Trim('_');
                if (part.Length >= 2 && part.Length < whole.Length && !char.IsDigit(part[0]))
                {
                    if (!(dropStopWords && StopWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(part)))
                    {
                        Add(lookup, part);
                        added++;
                    }

                }

                partStart = k;
            }
        }

        return added;
    }

    /// <summary>
    /// Adds to <paramref name="names"/> (lowercased) the identifiers of <paramref name="text"/> that read as code rather than
    /// prose: followed by <c>(</c> (a call or a declaration, <c>Text()</c>, <c>def parse(</c>) or made of several words
    /// (<c>stripTrailingWhitespace</c>, <c>parse_declaration</c>). "Comment" or "string" in a sentence are not names.
    /// </summary>
    public static void AddCodeNames(ReadOnlySpan<char> text, HashSet<string> names)
    {
        int i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetter(text[i]) && text[i] != '_')
            {
                i++;
                continue;
            }

            int start = i;
            bool multiPart = false;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
            {
                multiPart |= i > start && ((text[i] == '_' && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1])) || (char.IsUpper(text[i]) && char.IsLower(text[i - 1])));
                i++;
            }

            int next = i;
            while (next < text.Length && text[next] == ' ')
            {
                next++;
            }

            if (multiPart || (next < text.Length && text[next] == '('))
            {
                string word = text[start..i].ToString();
                if (!CallLikeKeywords.Contains(word))
                {
                    names.Add(word.ToLowerInvariant());
                }
            }
        }
    }

    /// <summary>Keywords that a parenthesis follows without making them a name.</summary>
    private static readonly HashSet<string> CallLikeKeywords = new(StringComparer.Ordinal)
    {
        "if", "for", "foreach", "while", "switch", "catch", "return", "func", "function", "def", "fn", "sizeof", "typeof", "nameof",
        "new", "await", "using", "lock", "fixed", "elif", "with", "assert", "not", "and", "or", "in", "print", "super", "this",
    };

    private static void Add(Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup, ReadOnlySpan<char> term)
    {
        term = Stem(term);
        lookup[term] = lookup.TryGetValue(term, out int count) ? count + 1 : 1;
    }

    /// <summary>A light suffix stripper so that "valued", "valuation" and "values" meet at "valu".</summary>
    internal static ReadOnlySpan<char> Stem(ReadOnlySpan<char> term)
    {
        foreach (string suffix in Suffixes)
        {
            if (term.Length - suffix.Length >= 4 && term.EndsWith(suffix, StringComparison.Ordinal))
            {
                return term[..^suffix.Length];
            }
        }

        return term;
    }

    private static readonly string[] Suffixes = ["ations", "ation", "ings", "ing", "ies", "ed", "es", "er", "s", "e"];
}
