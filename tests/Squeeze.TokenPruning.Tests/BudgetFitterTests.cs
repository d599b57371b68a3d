namespace Squeeze.TokenPruning;

/// <summary>The budget fitter and the unit token counts it is guided by.</summary>
public sealed class BudgetFitterTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(400)]
    [InlineData(100_000)]
    public void Fit_KeepsTheMostUnitsByPriorityThatFit_AndCountsFewTimes(int budget)
    {
        string source = TestData.AllPassages;
        PrunableText text = PrunableText.Create(source, new TokenPruningOptions(), null, null);
        var counting = new CountingCounter(TestCounters.O200k);
        int[] costs = text.CountUnitTokens(TestCounters.O200k);
        var random = new Random(budget);
        double[] priority = [.. text.Units.Select(_ => random.NextDouble())];
        priority[3] = UnitPriority.Excluded;

        List<TextSpan> kept = BudgetFitter.Fit(text, priority, costs, budget, counting, TestContext.Current.CancellationToken);

        string output = string.Concat(kept.Select(s => source.Substring(s.Start, s.Length)));
        int tokens = TestCounters.O200k.CountTokens(output);
        Assert.True(tokens <= budget, $"{tokens} tokens for a budget of {budget}");
        Assert.DoesNotContain(text.Units[3].Span, kept);

        // Maximal by priority: the best unit left out (ignoring top-ups) would not have fitted with everything above it.
        int[] order = [.. Enumerable.Range(0, priority.Length).Where(i => i != 3).OrderByDescending(i => priority[i]).ThenBy(i => i)];
        int top = 0;
        while (top < order.Length && kept.Contains(text.Units[order[top]].Span))
        {
            top++;
        }

        if (top < order.Length)
        {
            var withNext = new HashSet<int>(order.Take(top + 1));
            string larger = string.Concat(Enumerable.Range(0, text.Units.Length).Where(withNext.Contains).Select(i => source.Substring(text.Units[i].Start, text.Units[i].Length)));
            Assert.True(TestCounters.O200k.CountTokens(larger) > budget, "the next unit by priority would have fitted");
        }

        // Guided by the units' own counts, the search needs a handful of counts, not a full binary search plus top-ups (~30).
        Assert.InRange(counting.Calls, 1, 8);
    }

    [Fact]
    public void CountUnitTokens_CountsEachDistinctUnitOnce_AsItCountsOnItsOwn()
    {
        string source = TestData.AllPassages + "\n\n" + TestData.AllPassages;
        PrunableText text = PrunableText.Create(source, new TokenPruningOptions(), null, null);
        var counting = new CountingCounter(TestCounters.O200k);

        int[] costs = text.CountUnitTokens(counting);

        var distinct = new HashSet<string>(text.Units.Select(u => source.Substring(u.Start, u.Length)), StringComparer.Ordinal);
        Assert.Equal(distinct.Count, counting.Calls);
        Assert.True(counting.Calls < text.Units.Length / 2);
        for (int i = 0; i < costs.Length; i++)
        {
            Assert.Equal(TestCounters.O200k.CountTokens(source.AsSpan(text.Units[i].Start, text.Units[i].Length)), costs[i]);
        }
    }

    private sealed class CountingCounter(ITokenCounter inner) : ITokenCounter
    {
        public int Calls { get; private set; }

        public string Name => inner.Name;

        public int CountTokens(ReadOnlySpan<char> text)
        {
            Calls++;
            return inner.CountTokens(text);
        }

        public int GetPrefixLength(ReadOnlySpan<char> text, int maxTokens) => inner.GetPrefixLength(text, maxTokens);
    }
}
