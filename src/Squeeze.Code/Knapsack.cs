namespace Squeeze.Code;

/// <summary>0/1 knapsack by dynamic programming over token costs; the table is bounded by scaling costs up (never under-estimating them).</summary>
internal static class Knapsack
{
    /// <summary>The most table cells the solver allocates; larger problems are solved on coarser (rounded-up) costs.</summary>
    public const int MaxCells = 4_000_000;

    /// <summary>Chooses items of total cost at most <paramref name="capacity"/> with the greatest total value.</summary>
    /// <param name="costs">Each item's cost; at least 0.</param>
    /// <param name="values">Each item's value; items of value 0 or less are never chosen.</param>
    /// <param name="capacity">The most total cost.</param>
    /// <returns>Which items are chosen.</returns>
    public static bool[] Solve(ReadOnlySpan<int> costs, ReadOnlySpan<double> values, int capacity)
    {
        int n = costs.Length;
        var chosen = new bool[n];
        if (n == 0 || capacity <= 0)
        {
            return chosen;
        }

        int scale = (int)Math.Max(1, (((long)n * (capacity + 1)) + MaxCells - 1) / MaxCells);
        int cap = capacity / scale;
        var scaled = new int[n];
        for (int i = 0; i < n; i++)
        {
            scaled[i] = (int)(((long)Math.Max(0, costs[i]) + scale - 1) / scale);
        }

        var best = new double[cap + 1];
        var take = new bool[n * (cap + 1)];
        for (int i = 0; i < n; i++)
        {
            double value = values[i];
            int cost = scaled[i];
            if (value <= 0 || cost > cap)
            {
                continue;
            }

            int row = i * (cap + 1);
            for (int c = cap; c >= cost; c--)
            {
                double candidate = best[c - cost] + value;
                if (candidate > best[c])
                {
                    best[c] = candidate;
                    take[row + c] = true;
                }
            }
        }

        int remaining = cap;
        for (int i = n - 1; i >= 0; i--)
        {
            if (take[(i * (cap + 1)) + remaining])
            {
                chosen[i] = true;
                remaining -= scaled[i];
            }
        }

        return chosen;
    }
}
