using System.Text;

namespace Squeeze.Extractive;

/// <summary>
/// Turns text into a stream of word hashes: lower-cased, lightly stemmed (plural, -ed, -ing, -ly and a few derivational suffixes),
/// FNV-1a hashed to non-zero ints. Han and kana characters are words of their own. Allocation-free.
/// </summary>
internal static class WordHasher
{
    private const int MaxWordLength = 64;

    /// <summary>Writes the hashes of the words of <paramref name="text"/> to <paramref name="destination"/>, which must hold <c>text.Length</c> items.</summary>
    /// <returns>The number of words.</returns>
    public static int Hash(ReadOnlySpan<char> text, Span<int> destination)
    {
        Span<char> word = stackalloc char[MaxWordLength];
        int count = 0;
        int length = 0;
        bool overflow = false;
        int i = 0;
        while (i < text.Length)
        {
            if (Rune.DecodeFromUtf16(text[i..], out Rune rune, out int consumed) != System.Buffers.OperationStatus.Done)
            {
                rune = Rune.ReplacementChar;
                consumed = Math.Max(consumed, 1);
            }

            i += consumed;
            bool ideograph = IsIdeograph(rune.Value);
            bool wordChar = !ideograph && (Rune.IsLetterOrDigit(rune) || (length > 0 && Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark));
            if (wordChar)
            {
                Rune lower = Rune.ToLowerInvariant(rune);
                if (length + lower.Utf16SequenceLength <= MaxWordLength)
                {
                    length += lower.EncodeToUtf16(word[length..]);
                }
                else
                {
                    overflow = true;
                }

                continue;
            }

            if (length > 0)
            {
                destination[count++] = Finish(word, length, overflow);
                length = 0;
                overflow = false;
            }

            if (ideograph)
            {
                length = rune.EncodeToUtf16(word);
                destination[count++] = Fnv(word[..length]);
                length = 0;
            }
        }

        if (length > 0)
        {
            destination[count++] = Finish(word, length, overflow);
        }

        return count;
    }

    /// <summary>Hashes one word as <see cref="Hash"/> would; for tests.</summary>
    public static int HashWord(string word)
    {
        Span<int> one = stackalloc int[Math.Max(1, word.Length)];
        return Hash(word, one) == 1 ? one[0] : 0;
    }

    private static int Finish(Span<char> word, int length, bool overflow) => Fnv(word[..(overflow ? length : Stem(word, length))]);

    private static int Fnv(ReadOnlySpan<char> chars)
    {
        uint hash = 2166136261;
        foreach (char c in chars)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash == 0 ? 1 : (int)hash;
    }

    private static bool IsIdeograph(int cp) =>
        cp is (>= 0x3040 and <= 0x30FF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x20000 and <= 0x2FFFF);

    /// <summary>Porter-lite suffix stripping of lower-case ASCII words; returns the stem's length (may rewrite the buffer's tail).</summary>
    private static int Stem(Span<char> w, int n)
    {
        if (n <= 3)
        {
            return n;
        }

        foreach (char c in w[..n])
        {
            if (c is < 'a' or > 'z')
            {
                return n;
            }
        }

        if (EndsWith(w, n, "sses"))
        {
            n -= 2;
        }
        else if (EndsWith(w, n, "ies") && n > 4)
        {
            n -= 2;
            w[n - 1] = 'y';
        }
        else if (w[n - 1] == 's' && w[n - 2] is not ('s' or 'u' or 'i'))
        {
            n--;
        }

        if (EndsWith(w, n, "ational"))
        {
            n -= 5;
            w[n - 1] = 'e';
        }
        else if (EndsWith(w, n, "ization"))
        {
            n -= 5;
            w[n - 1] = 'e';
        }
        else if (EndsWith(w, n, "ness") && n > 6)
        {
            n -= 4;
        }
        else if (EndsWith(w, n, "fully") && n > 7)
        {
            n -= 5;
        }
        else if (EndsWith(w, n, "ful") && n > 6)
        {
            n -= 3;
        }
        else if (EndsWith(w, n, "ly") && n > 5)
        {
            n -= 2;
        }
        else if (EndsWith(w, n, "ing") && n > 5 && HasVowel(w[..(n - 3)]))
        {
            n = UndoubleConsonant(w, n - 3);
        }
        else if (EndsWith(w, n, "ed") && n > 4 && HasVowel(w[..(n - 2)]))
        {
            n = UndoubleConsonant(w, n - 2);
        }

        // Fold a final silent 'e' so "compress"/"compression", "use"/"using" meet more often.
        if (n > 4 && w[n - 1] == 'e')
        {
            n--;
        }

        return n;
    }

    private static int UndoubleConsonant(Span<char> w, int n)
    {
        if (n >= 3 && w[n - 1] == w[n - 2] && w[n - 1] is not ('l' or 's' or 'z' or 'a' or 'e' or 'i' or 'o' or 'u'))
        {
            return n - 1;
        }

        return n;
    }

    private static bool HasVowel(ReadOnlySpan<char> s) => s.IndexOfAny("aeiouy") >= 0;

    private static bool EndsWith(Span<char> w, int n, string suffix) => n > suffix.Length && w[..n].EndsWith(suffix);
}
