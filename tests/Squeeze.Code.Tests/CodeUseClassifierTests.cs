namespace Squeeze.Code;

/// <summary>The code compressor's use of an <see cref="ICodeUseClassifier"/> as a ranking signal.</summary>
public sealed class CodeUseClassifierTests
{
    // Two helpers alike in size and wording on either side of render, the function the query names.
    private const string Source =
        "def _alpha(rows):\n    \"\"\"Sums the rows.\"\"\"\n    total = 0\n    for row in rows:\n        total += len(row) * 3\n    return total\n\n\n"
        + "def render(request):\n    ...\n\n\n"
        + "def _beta(rows):\n    \"\"\"Sums the rows.\"\"\"\n    total = 0\n    for row in rows:\n        total += len(row) * 5\n    return total\n";

    private const string Query = "Renders the request.\ndef render(request):";

    [Fact]
    public async Task Classifier_DecidesBetweenOtherwiseEqualHelpers_AndItsWeightCanTurnItOff()
    {
        var favoursBeta = new FakeCodeUseClassifier(unit => unit.StartsWith("def _beta", StringComparison.Ordinal) ? 6 : -6);
        int budget = TestSupport.Counter.CountTokens(Source) * 2 / 3;

        string withClassifier = (await CompressAsync(favoursBeta, new CodeCompressionOptions(), budget)).Text;
        string weightZero = (await CompressAsync(favoursBeta, new CodeCompressionOptions { CodeUseWeight = 0 }, budget)).Text;

        Assert.Contains("len(row) * 5", withClassifier, StringComparison.Ordinal);
        Assert.DoesNotContain("len(row) * 3", withClassifier, StringComparison.Ordinal);
        Assert.Contains("len(row) * 3", weightZero, StringComparison.Ordinal);
        Assert.DoesNotContain("len(row) * 5", weightZero, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Classifier_GetsTheQueryAndEachRankedUnitsCode_AndItsLogitIsASignalOfTheScore()
    {
        var classifier = new FakeCodeUseClassifier(unit => unit.Length / 100f);
        var options = new CodeCompressionOptions();
        IReadOnlyList<UnitPlan> ranked = [];
        var request = new SegmentCompressionRequest(Source, TestSupport.Counter.CountTokens(Source) / 2, TestSupport.Counter) { Query = Query, Language = "py" };

        await new CodeCompressor(null, options, classifier).CompressAsync(request, r => ranked = r, TestContext.Current.CancellationToken);

        (string query, IReadOnlyList<string> units) = Assert.Single(classifier.Calls);
        Assert.Equal(Query, query);
        Assert.Equal(ranked.Select(p => Source[p.Unit.Span.Start..p.Unit.Span.End]), units);
        Assert.Contains(units, u => u.StartsWith("def _beta(rows):", StringComparison.Ordinal));
        foreach (UnitPlan plan in ranked)
        {
            Assert.Equal(Source[plan.Unit.Span.Start..plan.Unit.Span.End].Length / 100f, plan.Signals.CodeUse);
            double expected = (1 / (1 + Math.Exp(-plan.Signals.Logit(options)))) + (plan.IsNamed ? options.NamedUnitBoost : 0);
            Assert.Equal(expected, plan.Score, 1e-5);
        }
    }

    [Fact]
    public async Task Classifier_IsNotAskedWithoutAQuery_OrWhenTheCodeFits()
    {
        var classifier = new FakeCodeUseClassifier(_ => 1);
        var compressor = new CodeCompressor(null, null, classifier);

        await compressor.CompressAsync(new SegmentCompressionRequest(Source, 40, TestSupport.Counter) { Language = "py" }, TestContext.Current.CancellationToken);
        await compressor.CompressAsync(new SegmentCompressionRequest(Source, 10_000, TestSupport.Counter) { Query = Query, Language = "py" }, TestContext.Current.CancellationToken);

        Assert.Empty(classifier.Calls);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public async Task Classifier_ReturningNonFiniteValues_IsReportedAsASqueezeException(float value)
    {
        var classifier = new FakeCodeUseClassifier(_ => value);

        SqueezeException error = await Assert.ThrowsAsync<SqueezeException>(() => CompressAsync(classifier, null, 40));

        Assert.Contains("fake-code-use", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_SaysAClassifierIsUsed()
    {
        var classifier = new FakeCodeUseClassifier(_ => 0);

        Assert.Equal("code-bm25-use", new CodeCompressor(null, null, classifier).Name);
        Assert.Equal("code-longcodezip-use", new CodeCompressor(new FakeTokenScorer("x"), null, classifier).Name);
        Assert.Equal("code-bm25-use", new CodeRepositoryCompressor(null, null, classifier).Name);
        Assert.Equal("code-bm25", new CodeRepositoryCompressor().Name);
    }

    private static Task<CompressedText> CompressAsync(ICodeUseClassifier classifier, CodeCompressionOptions? options, int budget) =>
        new CodeCompressor(null, options, classifier).CompressAsync(new SegmentCompressionRequest(Source, budget, TestSupport.Counter) { Query = Query, Language = "py", Kind = SegmentKind.Code }, TestContext.Current.CancellationToken);
}
