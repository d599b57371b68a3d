namespace Squeeze.TokenPruning;

public sealed class UnigramTokenPrunerTests
{
    private static readonly ITokenCounter Counter = TestCounters.O200k;

    private static CompressedText Compress(string text, int budget, string? query = null, TokenPruningOptions? options = null) =>
        new UnigramTokenPruner(options).CompressAsync(new SegmentCompressionRequest(text, budget, Counter) { Query = query }, TestContext.Current.CancellationToken).GetAwaiter().GetResult();

    [Fact]
    public void Name_IsTokensUnigram() => Assert.Equal("tokens-unigram", new UnigramTokenPruner().Name);

    [Fact]
    public void CompressAsync_EveryBudgetFromOneToTheInputSize_FitsAndKeepsWholeUnitsInOrder()
    {
        string text = TestData.Passages[0];
        int total = Counter.CountTokens(text);
        var options = new TokenPruningOptions { ForceKeepDigits = false };
        for (int budget = 1; budget <= total + 1; budget += 3)
        {
            CompressedText result = Compress(text, budget, options: options);
            PruningAssert.ValidPruning(text, result, budget, Counter);
            Assert.Equal("tokens-unigram", result.Method);
        }
    }

    [Fact]
    public void CompressAsync_ForcedUnitsThatExceedTheBudget_StillFit()
    {
        string text = "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20";
        for (int budget = 1; budget < 20; budget++)
        {
            PruningAssert.ValidPruning(text, Compress(text, budget), budget, Counter);
        }
    }

    [Fact]
    public void CompressAsync_InputWithinBudget_IsUnchanged()
    {
        string text = TestData.Passages[1];
        CompressedText result = Compress(text, Counter.CountTokens(text));
        Assert.Equal(text, result.Text);
    }

    [Fact]
    public void CompressAsync_EmptyInputOrZeroBudget_GivesEmptyOutput()
    {
        Assert.Equal(string.Empty, Compress(string.Empty, 10).Text);
        Assert.Equal(string.Empty, Compress(TestData.Passages[0], 0).Text);
    }

    [Fact]
    public void CompressAsync_KeepsNumbersAndRareWordsOverFunctionWords()
    {
        string[] functionWords = ["the", "of", "and", "in", "is", "a", "to", "it", "by", "that"];
        int functionBefore = 0;
        int functionAfter = 0;
        foreach (string passage in TestData.Passages)
        {
            int budget = Counter.CountTokens(passage) / 2;
            CompressedText result = Compress(passage, budget);
            PruningAssert.ValidPruning(passage, result, budget, Counter);
            var units = new List<WordUnit>();
            WordUnitSplitter.Split(passage, 0, passage.Length, units);
            var keptWords = new List<string>();
            var allWords = new List<string>();
            foreach (WordUnit unit in units)
            {
                if (unit.CoreLength == 0)
                {
                    continue;
                }

                string word = passage.Substring(unit.CoreStart, unit.CoreLength);
                allWords.Add(word);
                if (Kept(result, unit))
                {
                    keptWords.Add(word);
                }

                if (unit.Has(WordUnitFlags.Number))
                {
                    Assert.True(Kept(result, unit), $"number '{word}' was dropped");
                }
            }

            functionBefore += allWords.Count(w => functionWords.Contains(w, StringComparer.OrdinalIgnoreCase));
            functionAfter += keptWords.Count(w => functionWords.Contains(w, StringComparer.OrdinalIgnoreCase));
        }

        Assert.True(functionAfter * 5 < functionBefore, $"kept {functionAfter} of {functionBefore} function words");
        CompressedText first = Compress(TestData.Passages[0], Counter.CountTokens(TestData.Passages[0]) / 2);
        Assert.Contains("mitochondrion", first.Text, StringComparison.Ordinal);
        Assert.Contains("Kölliker", first.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void CompressAsync_KeepsRareQueryWordsEverywhere()
    {
        string text = TestData.Passages[3];
        var options = new TokenPruningOptions { ForceKeepDigits = false };
        CompressedText without = Compress(text, 15, options: options);
        CompressedText with = Compress(text, 15, "Which light does the leaf absorb?", options);
        Assert.DoesNotContain(" light", without.Text, StringComparison.Ordinal);
        Assert.Equal(2, with.Text.Split(" light").Length - 1);
    }

    [Fact]
    public void CompressAsync_ProtectedSpansAndForceKeepStrings_AreKept()
    {
        string text = TestData.Passages[2];
        int start = text.IndexOf("so an abandoned slot", StringComparison.Ordinal);
        var pruner = new UnigramTokenPruner(new TokenPruningOptions { ForceKeepStrings = ["Then call"] });
        CompressedText result = pruner.Compress(new SegmentCompressionRequest(text, 45, Counter), [new TextSpan(start, "so an abandoned slot".Length)], TestContext.Current.CancellationToken);
        PruningAssert.ValidPruning(text, result, 45, Counter);
        Assert.Contains("so an abandoned slot", result.Text, StringComparison.Ordinal);
        Assert.Contains("Then call", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void CompressAsync_OddUnicode_DoesNotThrowAndFits()
    {
        string text = TestData.OddUnicode;
        for (int budget = 1; budget <= Counter.CountTokens(text); budget++)
        {
            CompressedText result = Compress(text, budget);
            Assert.True(Counter.CountTokens(result.Text) <= budget);
            foreach (TextSpan span in result.KeptSpans)
            {
                Assert.False(span.Start > 0 && char.IsHighSurrogate(text[span.Start - 1]) && char.IsLowSurrogate(text[span.Start]));
            }
        }
    }

    [Fact]
    public async Task CompressAsync_Canceled_Throws()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new UnigramTokenPruner().CompressAsync(new SegmentCompressionRequest(TestData.AllPassages, 10, Counter), cts.Token));
    }

    private static bool Kept(CompressedText result, WordUnit unit)
    {
        foreach (TextSpan span in result.KeptSpans)
        {
            if (span.Start <= unit.Start && unit.End <= span.End)
            {
                return true;
            }
        }

        return false;
    }
}
