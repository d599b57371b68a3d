using System.Text;

namespace Squeeze.TokenPruning;

/// <summary>Builds the text of a list of units and maps scorer tokens back to those units.</summary>
internal static class UnitText
{
    /// <summary>Concatenates the units <paramref name="indices"/>[<paramref name="from"/>..] of <paramref name="text"/>.</summary>
    /// <param name="text">The prepared text.</param>
    /// <param name="indices">Unit indices, ascending.</param>
    /// <param name="from">The first index of <paramref name="indices"/> to take.</param>
    /// <param name="offsets">Receives each taken unit's offset in the result; <see langword="null"/> to skip.</param>
    /// <returns>The concatenated text.</returns>
    public static string Assemble(PrunableText text, List<int> indices, int from, int[]? offsets)
    {
        var builder = new StringBuilder();
        for (int j = from; j < indices.Count; j++)
        {
            WordUnit unit = text.Units[indices[j]];
            if (offsets is not null)
            {
                offsets[j - from] = builder.Length;
            }

            builder.Append(text.Source, unit.Start, unit.Length);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Spreads token surprisal over the units the tokens overlap: each unit gets the largest surprisal of its tokens
    /// (a word is as informative as its most surprising token) and their sum.
    /// </summary>
    /// <param name="scores">The scorer's output for the assembled text.</param>
    /// <param name="offsets">Each unit's offset in the assembled text.</param>
    /// <param name="lengths">Each unit's length.</param>
    /// <param name="max">Receives each unit's largest token surprisal.</param>
    /// <param name="sum">Receives each unit's summed token surprisal.</param>
    /// <param name="count">Receives each unit's number of tokens.</param>
    public static void Map(TokenScores scores, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, Span<double> max, Span<double> sum, Span<int> count)
    {
        max.Clear();
        sum.Clear();
        count.Clear();
        ReadOnlySpan<TextSpan> spans = scores.Spans.Span;
        ReadOnlySpan<float> surprisal = scores.Surprisal.Span;
        for (int t = 0; t < spans.Length; t++)
        {
            float s = surprisal[t];
            if (!float.IsFinite(s))
            {
                continue;
            }

            int start = spans[t].Start;
            int end = Math.Max(spans[t].End, start + 1);
            int lo = 0;
            int hi = offsets.Length;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (offsets[mid] + lengths[mid] <= start)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            for (int u = lo; u < offsets.Length && offsets[u] < end; u++)
            {
                max[u] = count[u] == 0 ? s : Math.Max(max[u], s);
                sum[u] += s;
                count[u]++;
            }
        }
    }
}
