namespace Squeeze.TokenPruning;

/// <summary>Priority tiers for <see cref="BudgetFitter"/>: a unit's priority is its tier plus its score.</summary>
internal static class UnitPriority
{
    /// <summary>A unit that must be kept.</summary>
    public const double Forced = double.PositiveInfinity;

    /// <summary>A unit that is never kept (a word a rate region dropped).</summary>
    public const double Excluded = double.NegativeInfinity;

    /// <summary>Added to the score of a unit a rate region selected.</summary>
    public const double RateSelected = 1e12;

    /// <summary>Added to the score of a unit the token pass selected.</summary>
    public const double Selected = 1e9;

    /// <summary>Added to the score of a unit the coarse pass dropped (it comes back only if everything else fits).</summary>
    public const double Demoted = -1e9;

    /// <summary>
    /// Applies forced units and rate regions: forced units get <see cref="Forced"/>; in each rate region, units are taken by
    /// score until the region's kept tokens reach its rate, and get <see cref="RateSelected"/> plus their score; the rest get <see cref="Excluded"/>.
    /// </summary>
    /// <param name="text">The prepared text.</param>
    /// <param name="scores">Each unit's score, higher is more worth keeping.</param>
    /// <param name="costs">Each unit's target tokens.</param>
    /// <param name="priority">Each unit's priority, updated in place.</param>
    public static void ApplyControls(PrunableText text, ReadOnlySpan<double> scores, ReadOnlySpan<int> costs, double[] priority)
    {
        for (int i = 0; i < priority.Length; i++)
        {
            if (text.Forced[i])
            {
                priority[i] = Forced;
            }
        }

        for (int r = 0; r < text.Regions.Count; r++)
        {
            if (text.Regions[r].Kind != MarkupRegionKind.Rate)
            {
                continue;
            }

            var members = new List<int>();
            long total = 0;
            for (int i = 0; i < priority.Length; i++)
            {
                if (text.RegionIndex[i] == r)
                {
                    members.Add(i);
                    total += costs[i];
                }
            }

            double target = text.Regions[r].Rate * total;
            double[] memberScores = new double[members.Count];
            for (int m = 0; m < members.Count; m++)
            {
                int unit = members[m];
                memberScores[m] = text.Forced[unit] ? double.PositiveInfinity : scores[unit];
            }

            int[] order = new int[members.Count];
            for (int m = 0; m < order.Length; m++)
            {
                order[m] = m;
            }

            Array.Sort(order, (a, b) => memberScores[a] != memberScores[b] ? memberScores[b].CompareTo(memberScores[a]) : a.CompareTo(b));
            long kept = 0;
            foreach (int m in order)
            {
                int unit = members[m];
                if (text.Forced[unit])
                {
                    kept += costs[unit];
                }
                else if (kept + costs[unit] <= target)
                {
                    kept += costs[unit];
                    priority[unit] = RateSelected + scores[unit];
                }
                else
                {
                    priority[unit] = Excluded;
                }
            }
        }
    }
}
