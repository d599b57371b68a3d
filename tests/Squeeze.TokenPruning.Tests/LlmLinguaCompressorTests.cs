namespace Squeeze.TokenPruning;

public sealed class LlmLinguaCompressorTests
{
    private static readonly ITokenCounter Counter = TestCounters.O200k;

    private static CompressedText Compress(ITokenScorer scorer, string text, int budget, TokenPruningOptions? options = null, IReadOnlyList<TextSpan>? protectedSpans = null) =>
        new LlmLinguaCompressor(scorer, options).CompressAsync(new SegmentCompressionRequest(text, budget, Counter), protectedSpans, TestContext.Current.CancellationToken).GetAwaiter().GetResult();

    [Fact]
    public void Name_IsTokensLlmLingua() => Assert.Equal("tokens-llmlingua", new LlmLinguaCompressor(new FakeTokenScorer()).Name);

    [Fact]
    public void CompressAsync_EveryBudget_FitsAndKeepsWholeUnitsInOrder()
    {
        string text = TestData.AllPassages;
        int total = Counter.CountTokens(text);
        var options = new TokenPruningOptions { IterativeSize = 40 };
        for (int budget = 1; budget <= total + 1; budget += 17)
        {
            PruningAssert.ValidPruning(text, Compress(new FakeTokenScorer(), text, budget, options), budget, Counter);
        }
    }

    [Fact]
    public void CompressAsync_InputWithinBudgetOrEmpty_IsUnchangedWithoutScoring()
    {
        var scorer = new FakeTokenScorer();
        string text = TestData.Passages[0];
        Assert.Equal(text, Compress(scorer, text, Counter.CountTokens(text)).Text);
        Assert.Equal(string.Empty, Compress(scorer, string.Empty, 5).Text);
        Assert.Empty(scorer.Calls);
    }

    [Fact]
    public void CompressAsync_KeepsNumbersQuestionMarksAndNewlines()
    {
        string text = TestData.Passages[0] + "\nWhat happened in 1898?\n" + TestData.Passages[1];
        CompressedText result = Compress(new FakeTokenScorer(), text, 90, new TokenPruningOptions { IterativeSize = 30 });
        PruningAssert.ValidPruning(text, result, 90, Counter);
        foreach (string expected in new[] { "1857", "1,000", "25%", "1648", "109", "?", "\n" })
        {
            Assert.Contains(expected, result.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CompressAsync_ScoresEachSegmentGivenTheCompressedTextBeforeIt()
    {
        var scorer = new FakeTokenScorer();
        string text = TestData.AllPassages;
        var options = new TokenPruningOptions { IterativeSize = 50, UseCoarseSentencePass = false };
        CompressedText result = Compress(scorer, text, Counter.CountTokens(text) / 3, options);

        // The session peeks at each segment (scored, not appended), then appends the segment's kept words as context, which a
        // prefix session records without scoring: every scorer call is a peek.
        IReadOnlyList<ScoringInput> calls = scorer.Calls;
        Assert.True(calls.Count >= 4);
        Assert.Null(calls[0].Prefix);
        int segmentStart = 0;
        for (int k = 0; k < calls.Count; k++)
        {
            // Segments tile the text in order; each is conditioned on exactly what was appended before it: the kept words of the earlier
            // segments, a subsequence of the text before the segment and much shorter than it.
            ScoringInput peek = calls[k];
            string appended = peek.Prefix ?? string.Empty;
            Assert.Equal(segmentStart, text.IndexOf(peek.Text, segmentStart, StringComparison.Ordinal));
            string before = text[..segmentStart];
            Assert.True(appended.Length <= before.Length * 2 / 3, "the prefix must be the compressed text, not the original");
            Assert.True(IsSubsequence(appended, before));
            if (k + 1 < calls.Count)
            {
                string next = calls[k + 1].Prefix ?? string.Empty;
                Assert.StartsWith(appended, next, StringComparison.Ordinal);
                Assert.True(IsSubsequence(next[appended.Length..], peek.Text), "what is appended is kept words of the segment");
            }

            segmentStart += peek.Text.Length;
        }

        Assert.Equal(text.Length, segmentStart);
        Assert.True(result.Text.Length < text.Length);
    }

    [Fact]
    public void CompressAsync_IterativeConditioningDiffersFromIndependentSegments()
    {
        // "Quokka" is long, so it is kept in the first segment. Conditioned on that compressed prefix, its second mention is predictable
        // and dropped; scored independently (no prefix), the second mention looks as surprising as the first and is kept.
        string text = "Quokka ran far from the big fence. A man saw it.\nQuokka ate a leaf. It was a sunny day at the zoo.";
        var options = new TokenPruningOptions { IterativeSize = 12, UseCoarseSentencePass = false, ForceKeepNewlines = false };
        int budget = Counter.CountTokens(text) / 2;
        CompressedText iterative = Compress(new FakeTokenScorer(), text, budget, options);
        options.ConditionOnCompressedPrefix = false;
        CompressedText independent = Compress(new FakeTokenScorer(), text, budget, options);
        Assert.Equal(1, Occurrences(iterative.Text, "Quokka"));
        Assert.Equal(2, Occurrences(independent.Text, "Quokka"));
        Assert.NotEqual(independent.Text, iterative.Text);
    }

    [Fact]
    public void CompressAsync_CoarsePassDropsLowSurprisalSentencesBeforeTokenScoring()
    {
        var scorer = new FakeTokenScorer();
        string low = "It is on a mat by me so do go.";
        string text = string.Join(" ", Enumerable.Repeat("Extraordinary gravitational phenomena complicate astronomical measurements considerably.", 4)) + " " + low;
        var options = new TokenPruningOptions { IterativeSize = 200, CoarseBudgetMultiplier = 1.2 };
        CompressedText result = Compress(scorer, text, Counter.CountTokens(text) / 3, options);
        IReadOnlyList<ScoringInput> calls = scorer.Calls;
        Assert.Equal(text, calls[0].Text);
        Assert.DoesNotContain(calls.Skip(1), c => c.Text.Contains("by me so", StringComparison.Ordinal));
        Assert.DoesNotContain("by me", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void CompressAsync_HonoursMarkupProtectedSpansAndFirstSentence()
    {
        string text = "Intro sentence stays here. <squeeze keep>Keep every single word of this.</squeeze> Filler words that can go away entirely now. "
            + "<squeeze rate=\"0.5\">Half of these particular words should probably remain afterwards here.</squeeze> Final remark protected.";
        int protectedStart = text.IndexOf("Final remark protected.", StringComparison.Ordinal);
        var options = new TokenPruningOptions { KeepFirstSentence = true, IterativeSize = 20 };
        CompressedText result = Compress(new FakeTokenScorer(), text, 40, options, [new TextSpan(protectedStart, "Final remark protected.".Length)]);
        Assert.True(Counter.CountTokens(result.Text) <= 40);
        Assert.DoesNotContain("squeeze", result.Text, StringComparison.Ordinal);
        Assert.Contains("Keep every single word of this.", result.Text, StringComparison.Ordinal);
        Assert.StartsWith("Intro sentence stays here.", result.Text, StringComparison.Ordinal);
        Assert.EndsWith("Final remark protected.", result.Text, StringComparison.Ordinal);
        int halfStart = text.IndexOf("Half", StringComparison.Ordinal);
        int halfEnd = text.IndexOf("</squeeze> Final", StringComparison.Ordinal);
        int keptInRate = result.KeptSpans.Sum(s => Math.Max(0, Math.Min(s.End, halfEnd) - Math.Max(s.Start, halfStart)));
        Assert.InRange(keptInRate, 1, (halfEnd - halfStart) * 3 / 4);
    }

    [Fact]
    public void CompressAsync_MarkupOnlyInputWithinBudget_StripsTagsOnly()
    {
        string text = "Say <squeeze keep>exactly this</squeeze> please.";
        CompressedText result = Compress(new FakeTokenScorer(), text, 100);
        Assert.Equal("Say exactly this please.", result.Text);
    }

    [Fact]
    public async Task CompressAsync_Canceled_Throws()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new LlmLinguaCompressor(new FakeTokenScorer()).CompressAsync(new SegmentCompressionRequest(TestData.AllPassages, 10, Counter), cts.Token));
    }

    [Fact]
    public void Options_RejectInvalidValues()
    {
        var options = new TokenPruningOptions();
        Assert.Equal("IterativeSize", Assert.Throws<ArgumentOutOfRangeException>(() => options.IterativeSize = 0).ParamName);
        Assert.Equal("CoarseBudgetMultiplier", Assert.Throws<ArgumentOutOfRangeException>(() => options.CoarseBudgetMultiplier = 0.5).ParamName);
        Assert.Equal("DynamicRatioSpread", Assert.Throws<ArgumentOutOfRangeException>(() => options.DynamicRatioSpread = 1.5).ParamName);
        Assert.Throws<ArgumentNullException>(() => options.ForceKeepStrings = null!);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.DocumentOrder = (DocumentOrder)42);
    }

    private static int Occurrences(string text, string word) => text.Split(word).Length - 1;

    private static bool IsSubsequence(string candidate, string text)
    {
        int j = 0;
        foreach (char c in text)
        {
            if (j < candidate.Length && candidate[j] == c)
            {
                j++;
            }
        }

        return j == candidate.Length;
    }
}
