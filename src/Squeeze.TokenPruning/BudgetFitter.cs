using System.Buffers;

namespace Squeeze.TokenPruning;

/// <summary>
/// Picks the units to keep: the largest number k of units, taken by priority, whose text (in original order) fits the budget
/// exactly, found by binary search on k with the target counter, then topped up with a few more units that still fit.
/// Every accepted selection was counted, so the result always fits.
/// </summary>
internal static class BudgetFitter
{
    private const int TopUpAttempts = 16;

    /// <summary>Selects the units to keep.</summary>
    /// <param name="text">The prepared text.</param>
    /// <param name="priority">Each unit's priority; <see cref="UnitPriority.Excluded"/> is never kept.</param>
    /// <param name="budget">The most target tokens.</param>
    /// <param name="counter">The target counter.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>The kept spans, in order.</returns>
    public static List<TextSpan> Fit(PrunableText text, double[] priority, int budget, ITokenCounter counter, CancellationToken cancellationToken)
    {
        WordUnit[] units = text.Units;
        var candidates = new List<int>(units.Length);
        for (int i = 0; i < units.Length; i++)
        {
            if (!double.IsNegativeInfinity(priority[i]) && !double.IsNaN(priority[i]))
            {
                candidates.Add(i);
            }
        }

        int[] order = [.. candidates];
        Array.Sort(order, (a, b) => priority[a] != priority[b] ? priority[b].CompareTo(priority[a]) : a.CompareTo(b));
        bool[] keep = new bool[units.Length];
        char[] buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, text.Source.Length));
        try
        {
            int low = 0;
            int high = order.Length;
            while (low < high)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int mid = (low + high + 1) >>> 1;
                SetTop(keep, order, mid);
                if (Count(text, keep, buffer, counter) <= budget)
                {
                    low = mid;
                }
                else
                {
                    high = mid - 1;
                }
            }

            SetTop(keep, order, low);
            int attempts = 0;
            for (int j = low; j < order.Length && attempts < TopUpAttempts; j++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                attempts++;
                keep[order[j]] = true;
                if (Count(text, keep, buffer, counter) > budget)
                {
                    keep[order[j]] = false;
                }
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }

        var spans = new List<TextSpan>();
        for (int i = 0; i < units.Length; i++)
        {
            if (keep[i] && units[i].Length > 0)
            {
                spans.Add(units[i].Span);
            }
        }

        return spans;
    }

    /// <summary>Builds the kept text into <paramref name="buffer"/> and counts its tokens.</summary>
    /// <param name="text">The prepared text.</param>
    /// <param name="keep">Which units are kept.</param>
    /// <param name="buffer">A buffer at least as long as the source.</param>
    /// <param name="counter">The target counter.</param>
    /// <returns>The token count.</returns>
    public static int Count(PrunableText text, bool[] keep, char[] buffer, ITokenCounter counter)
    {
        int length = 0;
        ReadOnlySpan<char> source = text.Source;
        WordUnit[] units = text.Units;
        for (int i = 0; i < units.Length; i++)
        {
            if (keep[i])
            {
                source.Slice(units[i].Start, units[i].Length).CopyTo(buffer.AsSpan(length));
                length += units[i].Length;
            }
        }

        return counter.CountTokens(buffer.AsSpan(0, length));
    }

    private static void SetTop(bool[] keep, int[] order, int count)
    {
        Array.Clear(keep);
        for (int j = 0; j < count; j++)
        {
            keep[order[j]] = true;
        }
    }
}
