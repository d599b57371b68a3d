using System.Globalization;
using System.Text;

namespace Squeeze.TokenPruning;

/// <summary>
/// Splits text into <see cref="WordUnit"/>s in one linear pass. Never splits a surrogate pair, a word with its
/// combining marks, or a number such as 3.14, 1,000 or 12:30 (a trailing % stays with the number).
/// </summary>
internal static class WordUnitSplitter
{
    /// <summary>Splits <paramref name="text"/>[<paramref name="start"/>..<paramref name="end"/>) and appends the units.</summary>
    /// <param name="text">The text.</param>
    /// <param name="start">The first character to split.</param>
    /// <param name="end">The index just past the last character to split.</param>
    /// <param name="units">Receives the units, in order; together they cover the range exactly.</param>
    public static void Split(string text, int start, int end, List<WordUnit> units)
    {
        int i = start;
        while (i < end)
        {
            int unitStart = i;
            if (IsLineBreak(text[i]))
            {
                while (i < end && IsLineBreak(text[i]))
                {
                    i++;
                }

                units.Add(new WordUnit(unitStart, i - unitStart, i, 0, WordUnitFlags.Newline | WordUnitFlags.SentenceEnd));
                continue;
            }

            WordUnitFlags flags = WordUnitFlags.None;
            bool closed = false;
            while (i < end)
            {
                char c = text[i];
                if (IsLineBreak(c))
                {
                    break;
                }

                Rune.DecodeFromUtf16(text.AsSpan(i, end - i), out Rune rune, out int consumed);
                if (IsWordRune(rune))
                {
                    break;
                }

                i += consumed;
                if (c == '?')
                {
                    while (i < end && text[i] is '?' or '!' or '.')
                    {
                        i++;
                    }

                    flags |= WordUnitFlags.Question | WordUnitFlags.SentenceEnd;
                    closed = true;
                    break;
                }

                if (c is '.' or '!' && (i >= end || char.IsWhiteSpace(text[i])))
                {
                    flags |= WordUnitFlags.SentenceEnd;
                    closed = true;
                    break;
                }
            }

            int coreStart = i;
            if (!closed)
            {
                while (i < end)
                {
                    Rune.DecodeFromUtf16(text.AsSpan(i, end - i), out Rune rune, out int consumed);
                    if (IsWordRune(rune))
                    {
                        if (Rune.IsDigit(rune))
                        {
                            flags |= WordUnitFlags.Number;
                        }

                        i += consumed;
                        continue;
                    }

                    char c = text[i];
                    if (i > coreStart && i + 1 < end)
                    {
                        if (c is '.' or ',' or ':' && char.IsDigit(text[i - 1]) && char.IsDigit(text[i + 1]))
                        {
                            i++;
                            continue;
                        }

                        if (c is '\'' or '\u2019' && char.IsLetter(text[i - 1]) && char.IsLetter(text[i + 1]))
                        {
                            i++;
                            continue;
                        }
                    }

                    break;
                }

                if ((flags & WordUnitFlags.Number) != 0 && i < end && text[i] == '%')
                {
                    i++;
                }
            }

            int coreEnd = closed ? coreStart : i;
            if (i == unitStart)
            {
                // Cannot happen for well-formed input; advance by one rune so that the loop always terminates.
                Rune.DecodeFromUtf16(text.AsSpan(i, end - i), out _, out int consumed);
                i += Math.Max(1, consumed);
                coreEnd = coreStart = unitStart;
            }

            units.Add(new WordUnit(unitStart, i - unitStart, coreStart, coreEnd - coreStart, flags));
        }
    }

    /// <summary>Gets a value indicating whether <paramref name="rune"/> belongs to a word: a letter, a digit or a combining mark.</summary>
    /// <param name="rune">The rune.</param>
    /// <returns><see langword="true"/> for word characters.</returns>
    public static bool IsWordRune(Rune rune)
    {
        if (Rune.IsLetterOrDigit(rune))
        {
            return true;
        }

        UnicodeCategory category = Rune.GetUnicodeCategory(rune);
        return category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
    }

    private static bool IsLineBreak(char c) => c is '\n' or '\r' or '\u2028' or '\u2029';
}
