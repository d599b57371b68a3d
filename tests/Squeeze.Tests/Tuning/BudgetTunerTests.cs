namespace Squeeze.Tuning;

public sealed class BudgetTunerTests
{
    private static readonly ITokenCounter _counter = TargetTokenizers.ForEncoding("o200k_base");

    /// <summary>A synthetic method that keeps the answer exactly while the budget is at least a 1/threshold share of the input.</summary>
    private sealed class ThresholdCompressor(double threshold) : ISegmentCompressor
    {
        public string Name => "threshold";

        public Task<CompressedText> CompressAsync(SegmentCompressionRequest request, CancellationToken cancellationToken = default)
        {
            int size = request.Counter.CountTokens(request.Text);
            bool keepAnswer = request.TokenBudget >= Math.Floor(size / threshold);
            int cut = request.Text.IndexOf("ANSWER", StringComparison.Ordinal);
            TextSpan kept = keepAnswer ? new TextSpan(cut, 6) : new TextSpan(0, 1);
            return Task.FromResult(CompressedText.FromSpans(request.Text, [kept], Name));
        }
    }

    private static List<TuningTask> Tasks(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new TuningTask($"t{i}", Conversations.Prose(i, 30) + " ANSWER " + Conversations.Prose(i + 1000, 30), "q?", ["answer"]))];

    [Theory]
    [InlineData(4.0)]
    [InlineData(10.0)]
    public async Task TuneAsync_FindsTheKnownThreshold(double threshold)
    {
        var tuner = new BudgetTuner(_counter) { Ratios = [2, 3, 4, 6, 8, 10, 15, 20], Confidence = 0.9 };

        TuningResult result = await tuner.TuneAsync(new ThresholdCompressor(threshold), Tasks(40), 0.9);

        Assert.Equal(threshold, result.BestRatio);
        Assert.All(result.Measurements.Where(m => m.Ratio <= threshold), m => Assert.Equal(40, m.Retained));
        Assert.All(result.Measurements.Where(m => m.Ratio > threshold), m => Assert.Equal(0, m.Retained));
    }

    [Fact]
    public async Task TuneAsync_TooFewTasksForTheConfidence_FindsNoSafeRatio()
    {
        var tuner = new BudgetTuner(_counter) { Ratios = [2, 4], Confidence = 0.95 };

        TuningResult result = await tuner.TuneAsync(new ThresholdCompressor(100), Tasks(5), 0.95);

        Assert.All(result.Measurements, m => Assert.Equal(5, m.Retained));
        Assert.Null(result.BestRatio);
    }

    [Theory]
    [InlineData(30, 30, 1.2816, 0.9478)]
    [InlineData(0, 10, 1.2816, 0.0)]
    [InlineData(45, 50, 1.6449, 0.8085)]
    public void WilsonLowerBound_MatchesReferenceValues(int successes, int n, double z, double expected) =>
        Assert.Equal(expected, BudgetTuner.WilsonLowerBound(successes, n, z), 3);

    [Fact]
    public void InverseNormal_MatchesKnownQuantiles()
    {
        Assert.Equal(1.2816, BudgetTuner.InverseNormal(0.9), 4);
        Assert.Equal(1.6449, BudgetTuner.InverseNormal(0.95), 4);
        Assert.Equal(0.0, BudgetTuner.InverseNormal(0.5), 6);
    }
}
