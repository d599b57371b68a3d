namespace Squeeze.Extractive;

/// <summary>
/// Greedy budgeted selection: repeatedly keeps the unit with the best (relevance − λ·redundancy) / cost^α whose bundle
/// (the unit, its heading, its neighbours, and the change in elision markers) still fits; near-duplicates of kept units are never kept.
/// </summary>
internal static class GreedySelector
{
    public static bool[] Select(SelectionProblem p, int budget, int markerCost, bool keepHeadings, int neighbors, double redundancyPenalty, double duplicateThreshold, double costExponent, CancellationToken cancellationToken)
    {
        int n = p.Count;
        var selected = new bool[n];
        var closed = new bool[n];
        var maxSim = new float[n];
        var bundle = new List<int>(1 + (2 * neighbors) + 1);
        int used = 0;
        int selectedCount = 0;

        for (int i = 0; i < n; i++)
        {
            closed[i] = !p.Eligible[i];
        }

        for (int i = 0; i < n; i++)
        {
            if (p.Forced[i] && !closed[i] && !selected[i])
            {
                TryTake(i);
            }
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int best = -1;
            double bestPriority = double.NegativeInfinity;
            for (int i = 0; i < n; i++)
            {
                if (closed[i] || selected[i])
                {
                    continue;
                }

                if (maxSim[i] >= duplicateThreshold)
                {
                    closed[i] = true;
                    continue;
                }

                double value = p.Values[i] - (redundancyPenalty * maxSim[i]) + 1e-4;
                int cost = p.Costs[i];
                if (keepHeadings && p.HeadingOf[i] >= 0 && !selected[p.HeadingOf[i]])
                {
                    cost += p.Costs[p.HeadingOf[i]];
                }

                double scale = Math.Pow(Math.Max(cost, 1), costExponent);
                double priority = value >= 0 ? value / scale : value * scale;
                if (priority > bestPriority)
                {
                    bestPriority = priority;
                    best = i;
                }
            }

            if (best < 0)
            {
                break;
            }

            if (!TryTake(best))
            {
                closed[best] = true;
            }
        }

        return selected;

        bool TryTake(int unit)
        {
            bundle.Clear();
            bundle.Add(unit);
            if (keepHeadings && p.HeadingOf[unit] >= 0 && !selected[p.HeadingOf[unit]] && p.Eligible[p.HeadingOf[unit]])
            {
                bundle.Add(p.HeadingOf[unit]);
            }

            for (int d = 1; d <= neighbors; d++)
            {
                foreach (int j in (ReadOnlySpan<int>)[unit - d, unit + d])
                {
                    if (j >= 0 && j < n && !selected[j] && p.Eligible[j] && p.Group[j] == p.Group[unit] && !bundle.Contains(j))
                    {
                        bundle.Add(j);
                    }
                }
            }

            // Cost of the bundle, including the change in the number of elision markers.
            int cost = 0;
            int markers = 0;
            int count = selectedCount;
            foreach (int u in bundle)
            {
                cost += p.Costs[u];
                if (markerCost > 0)
                {
                    markers += MarkerDelta(selected, u, count);
                }

                selected[u] = true;
                count++;
            }

            foreach (int u in bundle)
            {
                selected[u] = false;
            }

            int delta = cost + (markers * markerCost);
            if (used + delta > budget)
            {
                return false;
            }

            used += delta;
            foreach (int u in bundle)
            {
                selected[u] = true;
                selectedCount++;
                int[] shingles = p.Shingles[u];
                if (shingles.Length == 0)
                {
                    continue;
                }

                for (int i = 0; i < n; i++)
                {
                    if (!selected[i] && !closed[i])
                    {
                        float sim = Shingles.Jaccard(p.Shingles[i], shingles);
                        if (sim > maxSim[i])
                        {
                            maxSim[i] = sim;
                        }
                    }
                }
            }

            return true;
        }
    }

    /// <summary>How the number of elided stretches changes when <paramref name="unit"/> is kept.</summary>
    internal static int MarkerDelta(bool[] selected, int unit, int selectedCount)
    {
        int n = selected.Length;
        if (selectedCount == 0)
        {
            return (unit > 0 ? 1 : 0) + (unit < n - 1 ? 1 : 0);
        }

        bool left = unit == 0 || selected[unit - 1];
        bool right = unit == n - 1 || selected[unit + 1];
        return left && right ? -1 : !left && !right ? 1 : 0;
    }
}
