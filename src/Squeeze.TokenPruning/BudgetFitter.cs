using System.Buffers;

namespace Squeeze.TokenPruning;

/// <summary>
/// Picks the units to keep: the largest number k of units, taken by priority, whose text (in original order) fits the budget
/// exactly, then topped up with a few more units that still fit. k is searched with the target counter, guided by the units'
/// own token counts: the first guess is where their running sum reaches the budget, each later guess rescales that sum by what
/// the last count found (a secant step, which lands within a unit or two of the answer in a few counts because joined text
/// tokenizes almost additively), and a bisection of the remaining interval whenever a guess falls outside it. Every accepted
/// selection was counted, so the result always fits.
/// </summary>
internal static class BudgetFitter
{
    private const int TopUpAttempts = 16;

    /// <summary>Selects the units to keep.</summary>
    /// <param name="text">The prepared text.</param>
    /// <param name="priority">Each unit's priority; <see cref="UnitPriority.Excluded"/> is never kept.</param>
    /// <param name="costs">Each unit's target tokens counted on its own (<see cref="PrunableText.CountUnitTokens"/>).</param>
    /// <param name="budget">The most target tokens.</param>
    /// <param name="counter">The target counter.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>The kept spans, in order.</returns>
    public static List<TextSpan> Fit(PrunableText text, double[] priority, int[] costs, int budget, ITokenCounter counter, CancellationToken cancellationToken)
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
        long[] runningCost = new long[order.Length + 1];
        for (int j = 0; j < order.Length; j++)
        {
            runningCost[j + 1] = runningCost[j] + costs[order[j]];
        }

        bool[] keep = new bool[units.Length];
        char[] buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, text.Source.Length));
        try
        {
            // Invariant: the top `fits` units fit (0 always does, as empty text), the top `fails` do not (order.Length + 1 stands for "none fails").
            int fits = 0;
            int fails = order.Length + 1;
            int fitCount = 0;
            int guess = LastWithin(runningCost, budget);
            while (fails - fits > 1)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (guess <= fits || guess >= fails)
                {
                    guess = fits + ((fails - fits) >>> 1);
                }

                SetTop(keep, order, guess);
                int count = Count(text, keep, buffer, counter);
                if (count <= budget)
                {
                    fits = guess;
                    fitCount = count;
                }
                else
                {
                    fails = guess;
                }

                // Secant step: rescale the running sum at the guess by budget / count.
                guess = count == 0 ? guess + 1 : LastWithin(runningCost, (long)Math.Floor(runningCost[guess] * ((double)budget / count)));
                if (guess == fits)
                {
                    guess++;
                }
                else if (guess == fails)
                {
                    guess--;
                }
            }

            SetTop(keep, order, fits);
            int attempts = 0;
            for (int j = fits; j < order.Length && attempts < TopUpAttempts && fitCount < budget; j++)
            {
                // A unit longer than the slack plus two tokens cannot fit (joining saves at most a token at each end).
                if (costs[order[j]] > budget - fitCount + 2)
                {
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                attempts++;
                keep[order[j]] = true;
                int count = Count(text, keep, buffer, counter);
                if (count > budget)
                {
                    keep[order[j]] = false;
                }
                else
                {
                    fitCount = count;
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

    /// <summary>The largest k whose running cost is at most <paramref name="limit"/>.</summary>
    private static int LastWithin(long[] runningCost, long limit)
    {
        int k = Array.BinarySearch(runningCost, limit);
        if (k < 0)
        {
            return ~k - 1;
        }

        while (k + 1 < runningCost.Length && runningCost[k + 1] == limit)
        {
            k++; // units of no tokens
        }

        return k;
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
