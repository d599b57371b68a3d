namespace Squeeze.Scoring;

/// <summary>One model pass over <c>ids[Start..Start+Length)</c> whose tokens from <see cref="ScoreFrom"/> (absolute) on are kept.</summary>
/// <param name="Start">The first token the window reads.</param>
/// <param name="Length">The number of tokens the window reads.</param>
/// <param name="ScoreFrom">The first token whose score is taken from this window (absolute index, &gt; <paramref name="Start"/>).</param>
internal readonly record struct ScoringWindow(int Start, int Length, int ScoreFrom)
{
    public int End => Start + Length;
}

/// <summary>Cuts a token sequence into windows that together score every token of a range exactly once.</summary>
internal static class WindowPlanner
{
    /// <summary>
    /// Plans windows of at most <paramref name="window"/> tokens that score tokens <c>[scoreFrom, total)</c>, each scored token
    /// seeing at least <paramref name="minLeftContext"/> tokens before it (or all of them, near the start) and as many as fit.
    /// </summary>
    public static void Plan(int total, int scoreFrom, int window, int minLeftContext, List<ScoringWindow> output)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scoreFrom, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minLeftContext, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, minLeftContext);
        int s = scoreFrom;
        while (s < total)
        {
            int e = Math.Min(total, Math.Max(s + window - minLeftContext, window));
            int start = Math.Max(0, e - window);
            output.Add(new ScoringWindow(start, e - start, s));
            s = e;
        }
    }
}
