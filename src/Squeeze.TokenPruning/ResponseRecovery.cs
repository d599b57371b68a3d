using System.Text;

namespace Squeeze.TokenPruning;

/// <summary>
/// LongLLMLingua's subsequence recovery: where a response quotes a run of the compressed prompt, the run is replaced by the shortest
/// stretch of the original prompt that holds the run's tokens as a subsequence (restoring the words compression dropped).
/// </summary>
internal static class ResponseRecovery
{
    private const int MinRunTokens = 2;

    public static string Recover(string response, string compressedPrompt, string originalPrompt)
    {
        List<TextSpan> r = Tokenize(response);
        List<TextSpan> c = Tokenize(compressedPrompt);
        List<TextSpan> o = Tokenize(originalPrompt);
        if (r.Count == 0 || c.Count == 0 || o.Count == 0)
        {
            return response;
        }

        var compressedPositions = Index(compressedPrompt, c);
        var originalPositions = Index(originalPrompt, o);
        var builder = new StringBuilder(response.Length);
        int cursor = 0;
        int i = 0;
        while (i < r.Count)
        {
            int best = 0;
            if (compressedPositions.TryGetValue(response.Substring(r[i].Start, r[i].Length), out List<int>? starts))
            {
                foreach (int start in starts)
                {
                    int length = 0;
                    while (i + length < r.Count && start + length < c.Count
                        && Same(response, r[i + length], compressedPrompt, c[start + length]))
                    {
                        length++;
                    }

                    best = Math.Max(best, length);
                }
            }

            if (best >= MinRunTokens && TryFindWindow(response, r, i, best, originalPrompt, o, originalPositions, out int first, out int last) && last - first + 1 > best)
            {
                builder.Append(response, cursor, r[i].Start - cursor);
                builder.Append(originalPrompt, o[first].Start, o[last].End - o[first].Start);
                cursor = r[i + best - 1].End;
                i += best;
            }
            else
            {
                i += Math.Max(1, best);
            }
        }

        builder.Append(response, cursor, response.Length - cursor);
        return builder.ToString();
    }

    private static bool TryFindWindow(
        string response, List<TextSpan> r, int from, int count, string original, List<TextSpan> o, Dictionary<string, List<int>> positions, out int first, out int last)
    {
        first = -1;
        last = -1;
        if (!positions.TryGetValue(response.Substring(r[from].Start, r[from].Length), out List<int>? starts))
        {
            return false;
        }

        int maxWindow = (count * 4) + 16;
        int bestLength = int.MaxValue;
        foreach (int start in starts)
        {
            int matched = 1;
            int j = start + 1;
            while (matched < count && j < o.Count && j - start < maxWindow)
            {
                if (Same(response, r[from + matched], original, o[j]))
                {
                    matched++;
                }

                j++;
            }

            if (matched == count && j - start < bestLength)
            {
                bestLength = j - start;
                first = start;
                last = j - 1;
            }
        }

        return first >= 0;
    }

    private static bool Same(string a, TextSpan x, string b, TextSpan y) =>
        a.AsSpan(x.Start, x.Length).SequenceEqual(b.AsSpan(y.Start, y.Length));

    private static Dictionary<string, List<int>> Index(string text, List<TextSpan> tokens)
    {
        var index = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int t = 0; t < tokens.Count; t++)
        {
            string key = text.Substring(tokens[t].Start, tokens[t].Length);
            if (!index.TryGetValue(key, out List<int>? list))
            {
                index[key] = list = [];
            }

            list.Add(t);
        }

        return index;
    }

    /// <summary>Splits text into words (runs of letters, digits and marks) and single other non-whitespace characters.</summary>
    private static List<TextSpan> Tokenize(string text)
    {
        var tokens = new List<TextSpan>();
        int i = 0;
        while (i < text.Length)
        {
            Rune.DecodeFromUtf16(text.AsSpan(i), out Rune rune, out int consumed);
            if (Rune.IsWhiteSpace(rune))
            {
                i += consumed;
                continue;
            }

            int start = i;
            i += consumed;
            if (WordUnitSplitter.IsWordRune(rune))
            {
                while (i < text.Length)
                {
                    Rune.DecodeFromUtf16(text.AsSpan(i), out Rune next, out int nextConsumed);
                    if (!WordUnitSplitter.IsWordRune(next))
                    {
                        break;
                    }

                    i += nextConsumed;
                }
            }

            tokens.Add(TextSpan.FromBounds(start, i));
        }

        return tokens;
    }
}
