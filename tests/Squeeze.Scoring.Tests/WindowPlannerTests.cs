using CsCheck;

namespace Squeeze.Scoring;

public sealed class WindowPlannerTests
{
    [Fact]
    public void Plan_ShorterThanWindow_MakesOneWindowFromTheStart()
    {
        var windows = new List<ScoringWindow>();
        WindowPlanner.Plan(total: 300, scoreFrom: 1, window: 512, minLeftContext: 128, windows);
        Assert.Equal([new ScoringWindow(0, 300, 1)], windows);
    }

    [Fact]
    public void Plan_LongInput_FirstWindowIsFullAndLaterWindowsKeepContext()
    {
        var windows = new List<ScoringWindow>();
        WindowPlanner.Plan(total: 1000, scoreFrom: 1, window: 512, minLeftContext: 128, windows);
        Assert.Equal(new ScoringWindow(0, 512, 1), windows[0]);
        Assert.Equal(new ScoringWindow(512 - 128, 512, 512), windows[1]);
        Assert.Equal(1000, windows[^1].End);
        Assert.Equal(512, windows[^1].Length);
    }

    [Fact]
    public void Plan_CoversEveryTokenExactlyOnceWithinLimits()
    {
        Gen.Select(Gen.Int[2, 3000], Gen.Int[2, 600], Gen.Int[1, 599], Gen.Int[1, 3000])
            .Where(t => t.Item3 < t.Item2 && t.Item4 < t.Item1)
            .Sample((total, window, context, scoreFrom) =>
            {
                var windows = new List<ScoringWindow>();
                WindowPlanner.Plan(total, scoreFrom, window, context, windows);
                int next = scoreFrom;
                foreach (ScoringWindow w in windows)
                {
                    if (w.ScoreFrom != next || w.Length > window || w.Start < 0 || w.End > total || w.ScoreFrom >= w.End)
                    {
                        return false;
                    }

                    if (w.ScoreFrom - w.Start < Math.Min(context, w.ScoreFrom))
                    {
                        return false;
                    }

                    next = w.End;
                }

                return next == total;
            });
    }

    [Fact]
    public void Plan_RejectsContextNotBelowWindow()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WindowPlanner.Plan(10, 1, 4, 4, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => WindowPlanner.Plan(10, 0, 8, 4, []));
    }
}
