namespace Squeeze.Pipeline;

/// <summary>
/// Shares a token budget among compressible segments (LLMLingua's budget controller idea): segments whose priority-weighted share
/// covers their size keep every token, the rest absorb the cut in proportion to size × priority.
/// </summary>
internal static class BudgetAllocator
{
    /// <summary>Computes each segment's token allowance.</summary>
    /// <param name="sizes">Each segment's current token count.</param>
    /// <param name="weights">Each segment's priority (positive).</param>
    /// <param name="available">The tokens available to all of them together.</param>
    /// <returns>Allowances that add up to at most <paramref name="available"/>, each at most the segment's size.</returns>
    public static int[] Allocate(ReadOnlySpan<int> sizes, ReadOnlySpan<double> weights, int available)
    {
        int n = sizes.Length;
        var allowance = new int[n];
        if (n == 0 || available <= 0)
        {
            return allowance;
        }

        long total = 0;
        for (int i = 0; i < n; i++)
        {
            total += sizes[i];
        }

        if (total <= available)
        {
            sizes.CopyTo(allowance);
            return allowance;
        }

        var settled = new bool[n];
        int remaining = available;
        bool changed = true;
        while (changed)
        {
            changed = false;
            double weightedTotal = 0;
            for (int i = 0; i < n; i++)
            {
                if (!settled[i])
                {
                    weightedTotal += sizes[i] * weights[i];
                }
            }

            if (weightedTotal <= 0)
            {
                break;
            }

            // Segments whose proportional share covers them keep everything; their surplus goes back to the pool.
            for (int i = 0; i < n; i++)
            {
                if (!settled[i] && remaining * (sizes[i] * weights[i] / weightedTotal) >= sizes[i])
                {
                    settled[i] = true;
                    allowance[i] = sizes[i];
                    remaining -= sizes[i];
                    changed = true;
                }
            }

            if (!changed)
            {
                int given = 0;
                for (int i = 0; i < n; i++)
                {
                    if (!settled[i])
                    {
                        allowance[i] = (int)Math.Floor(remaining * (sizes[i] * weights[i] / weightedTotal));
                        given += allowance[i];
                    }
                }

                // Hand out what flooring left over, one token at a time, to the largest unsettled segments.
                int leftover = remaining - given;
                for (int i = 0; leftover > 0 && i < n; i++)
                {
                    if (!settled[i] && allowance[i] < sizes[i])
                    {
                        allowance[i]++;
                        leftover--;
                    }
                }
            }
        }

        return allowance;
    }
}
