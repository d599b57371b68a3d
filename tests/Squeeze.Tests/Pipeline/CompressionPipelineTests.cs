namespace Squeeze.Pipeline;

public sealed class CompressionPipelineTests
{
    private static readonly ITokenCounter _counter = TargetTokenizers.ForEncoding("o200k_base");

    [Fact]
    public async Task CompressAsync_ProtectedAndQuestionUntouched_OthersFitBudget()
    {
        var segments = new List<ContextSegment>
        {
            new("Follow the rules.", SegmentKind.Instruction) { IsProtected = true },
            new(Conversations.Prose(1, 60), SegmentKind.Document),
            new("Keep this exactly as it is, please.", SegmentKind.History) { IsProtected = true },
            new(Conversations.Code(10), SegmentKind.Code),
            new(Conversations.Question, SegmentKind.Question),
        };
        var pipeline = new CompressionPipeline(_counter, new SqueezeOptions { UseBuiltInModel = false });

        CompressionResult result = await pipeline.CompressAsync(segments, Conversations.Question, CompressionBudget.FromTokens(200));

        Assert.Equal(segments[0].Text, result.Texts[0]);
        Assert.Equal(segments[2].Text, result.Texts[2]);
        Assert.Equal(segments[4].Text, result.Texts[4]);
        Assert.True(result.Texts.Sum(t => _counter.CountTokens(t)) <= 200);
        Assert.Equal(result.Report.TokensAfter, result.Texts.Sum(t => _counter.CountTokens(t)));
        Assert.Equal("protected", result.Report.Segments[0].Method);
        for (int i = 0; i < segments.Count; i++)
        {
            SubsequenceAssert.IsOrderedSubsequence(segments[i].Text, result.Texts[i]);
        }
    }

    [Fact]
    public async Task CompressAsync_CodeUseClassifierOption_RanksTheCodeSegments()
    {
        var classifier = new RecordingCodeUseClassifier("Compute7(");
        var segments = new List<ContextSegment> { new(Conversations.Code(12), SegmentKind.Code) { Language = "cs" }, new(Conversations.Question, SegmentKind.Question) };
        var pipeline = new CompressionPipeline(_counter, new SqueezeOptions { UseBuiltInModel = false, CodeUseClassifier = classifier });

        CompressionResult result = await pipeline.CompressAsync(segments, Conversations.Question, CompressionBudget.FromRatio(4));

        Assert.Equal("code-bm25-use", result.Report.Segments[0].Method);
        Assert.Equal(Conversations.Question, Assert.Single(classifier.Queries));
        Assert.Contains("value = (value * 31) % 1007;", result.Texts[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompressAsync_BudgetBelowProtectedContent_ThrowsNamingTheNeed()
    {
        var segments = new List<ContextSegment> { new(Conversations.Prose(2, 10), SegmentKind.Instruction) { IsProtected = true } };
        var pipeline = new CompressionPipeline(_counter, new SqueezeOptions { UseBuiltInModel = false });

        var error = await Assert.ThrowsAsync<SqueezeException>(() => pipeline.CompressAsync(segments, null, CompressionBudget.FromTokens(5)));

        Assert.Contains("cannot be met", error.Message, StringComparison.Ordinal);
        Assert.Contains("budget of 5 tokens", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompressAsync_ShortTurnsAloneOverBudget_LeavesOutTheOldestWhole()
    {
        // Twelve short turns (each under MinCompressibleTokens, so never compressed) need more than the budget beside the protected
        // instruction and the question: the oldest are left out whole until the rest fits, instead of failing.
        var segments = new List<ContextSegment> { new("Follow the rules.", SegmentKind.Instruction) { IsProtected = true } };
        for (int i = 0; i < 12; i++)
        {
            segments.Add(new ContextSegment($"Turn {i}: the user said something short about item {i}.", SegmentKind.History));
        }

        segments.Add(new ContextSegment(Conversations.Question, SegmentKind.Question));
        int budget = _counter.CountTokens(segments[0].Text) + _counter.CountTokens(Conversations.Question) + (4 * _counter.CountTokens(segments[1].Text));
        var pipeline = new CompressionPipeline(_counter, new SqueezeOptions { UseBuiltInModel = false });

        CompressionResult result = await pipeline.CompressAsync(segments, Conversations.Question, CompressionBudget.FromTokens(budget));

        Assert.True(result.Texts.Sum(t => _counter.CountTokens(t)) <= budget);
        Assert.Equal(segments[0].Text, result.Texts[0]);
        Assert.Equal(segments[^1].Text, result.Texts[^1]);
        int firstKept = result.Texts.ToList().FindIndex(1, t => t.Length > 0);
        Assert.InRange(firstKept, 2, segments.Count - 2);
        for (int i = 1; i < segments.Count - 1; i++)
        {
            Assert.Equal(i < firstKept ? string.Empty : segments[i].Text, result.Texts[i]);
            Assert.Equal(i < firstKept ? "dropped" : "unchanged", result.Report.Segments[i].Method);
        }
    }

    [Fact]
    public async Task CompressAsync_WithinBudget_ReturnsInputUnchanged()
    {
        var segments = new List<ContextSegment> { new(Conversations.Prose(3, 10), SegmentKind.Document) };
        var pipeline = new CompressionPipeline(_counter, new SqueezeOptions { UseBuiltInModel = false });

        CompressionResult result = await pipeline.CompressAsync(segments, null, CompressionBudget.FromTokens(10_000));

        Assert.Same(segments[0].Text, result.Texts[0]);
        Assert.Equal(1.0, result.Report.Ratio);
    }
}
