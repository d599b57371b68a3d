namespace Squeeze.TokenPruning;

public sealed class LlmLingua2CompressorTests
{
    private static readonly ITokenCounter Counter = TestCounters.O200k;

    [Fact]
    public async Task CompressAsync_ScoresOnceWithoutPrefix_AndKeepsTheHighestRatedWords()
    {
        // The fake scorer rates long words higher; LLMLingua-2 reads the whole text once, with no conditioning and no question.
        var scorer = new FakeTokenScorer();
        string text = TestData.AllPassages;
        var options = new TokenPruningOptions { IterativeSize = 10, UseCoarseSentencePass = true, ForceKeepDigits = false, ForceKeepNewlines = false };
        int budget = Counter.CountTokens(text) / 3;

        CompressedText result = await new LlmLingua2Compressor(scorer, options)
            .CompressAsync(new SegmentCompressionRequest(text, budget, Counter) { Query = "ignored question" }, TestContext.Current.CancellationToken);

        ScoringInput call = Assert.Single(scorer.Calls);
        Assert.Null(call.Prefix);
        Assert.Equal(text, call.Text);
        PruningAssert.ValidPruning(text, result, budget, Counter);
        string[] keptWords = result.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string[] allWords = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(keptWords.Average(w => w.Length) > allWords.Average(w => w.Length) + 1, "long (highly rated) words are kept first");
        Assert.Equal(10, options.IterativeSize);
    }
}
