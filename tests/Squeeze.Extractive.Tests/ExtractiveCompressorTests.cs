using System.Text;

namespace Squeeze.Extractive;

public sealed class ExtractiveCompressorTests
{
    private const string Query = "How often should I change the engine oil and check tyre pressure?";

    [Fact]
    public void Name_ReflectsScorer()
    {
        Assert.Equal("extractive-bm25", new ExtractiveCompressor().Name);
        Assert.Equal("extractive-fused", new ExtractiveCompressor(new FakeTokenScorer(), null).Name);
        Assert.Equal("extractive-surprisal", new ExtractiveCompressor(new SurprisalRelevanceScorer(new FakeTokenScorer())).Name);
    }

    [Theory]
    [InlineData(ExtractionGranularity.Auto, "")]
    [InlineData(ExtractionGranularity.Sentence, "")]
    [InlineData(ExtractionGranularity.Sentence, "\n[…]\n")]
    [InlineData(ExtractionGranularity.Paragraph, " … ")]
    [InlineData(ExtractionGranularity.Passage, "")]
    public async Task CompressAsync_BudgetsOneToN_NeverExceedBudget(ExtractionGranularity granularity, string marker)
    {
        string text = TestSupport.Documents;
        int total = TestSupport.Counter.CountTokens(text);
        var compressor = new ExtractiveCompressor(new ExtractiveOptions { Granularity = granularity, ElisionMarker = marker });
        int maxSentence = 0;
        foreach (TextSpan s in TextSegmenter.Split(text, TextUnitLevel.Sentence))
        {
            maxSentence = Math.Max(maxSentence, TestSupport.Counter.CountTokens(text.AsSpan(s.Start, s.Length)));
        }

        for (int budget = 1; budget <= total + 2; budget++)
        {
            CompressedText result = await compressor.CompressAsync(TestSupport.Request(text, budget, Query), TestContext.Current.CancellationToken);
            int tokens = TestSupport.Counter.CountTokens(result.Text);
            Assert.True(tokens <= budget, $"{tokens} tokens for a budget of {budget}.");
            if (budget > 2 * TestSupport.Counter.CountTokens(marker))
            {
                Assert.NotEmpty(result.Text);
            }

            TestSupport.AssertBuiltFromSpans(text, result, marker);
            if (budget >= total)
            {
                Assert.Equal(text, result.Text);
            }
            else if (granularity == ExtractionGranularity.Sentence && marker.Length == 0)
            {
                Assert.True(tokens >= budget - maxSentence - 3, $"Only {tokens} tokens used of a budget of {budget}.");
            }
        }
    }

    [Fact]
    public async Task CompressAsync_Output_IsOrderedSubsequenceOfInputSpans()
    {
        var compressor = new ExtractiveCompressor(new ExtractiveOptions { Granularity = ExtractionGranularity.Sentence, ElisionMarker = " [...] " });
        CompressedText result = await compressor.CompressAsync(TestSupport.Request(TestSupport.Documents, 60, Query), TestContext.Current.CancellationToken);
        Assert.Equal("extractive-bm25", result.Method);
        TestSupport.AssertBuiltFromSpans(TestSupport.Documents, result, " [...] ");
        TextSpan[] sentences = TextSegmenter.Split(TestSupport.Documents, TextUnitLevel.Sentence);
        var starts = new HashSet<int>(Array.ConvertAll(sentences, s => s.Start));
        var ends = new HashSet<int>(Array.ConvertAll(sentences, s => s.End));
        Assert.All(result.KeptSpans, k => Assert.True(starts.Contains(k.Start) && ends.Contains(k.End), "Kept spans are whole sentences."));
    }

    [Fact]
    public async Task CompressAsync_Bm25_KeepsPassageWithQueryTerms()
    {
        var compressor = new ExtractiveCompressor(new ExtractiveOptions { Granularity = ExtractionGranularity.Passage });
        CompressedText result = await compressor.CompressAsync(TestSupport.Request(TestSupport.Documents, 60, Query), TestContext.Current.CancellationToken);
        Assert.Contains("Change the engine oil", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Jazz", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompressAsync_Auto_KeepsRelevantSentencesWithTheirTitle()
    {
        var compressor = new ExtractiveCompressor(new ExtractiveOptions { Granularity = ExtractionGranularity.Auto, ElisionMarker = "\n" });
        CompressedText result = await compressor.CompressAsync(TestSupport.Request(TestSupport.Documents, 45, Query), TestContext.Current.CancellationToken);
        Assert.Contains("engine oil", result.Text, StringComparison.Ordinal);
        Assert.Contains("Document [3](Title: Car maintenance)", result.Text, StringComparison.Ordinal);
        Assert.True(TestSupport.Counter.CountTokens(result.Text) <= 45);
    }

    [Fact]
    public async Task CompressAsync_NearDuplicatePassages_KeepsOnlyOne()
    {
        const string duplicate = "The Eiffel Tower in Paris was completed in 1889 and is 330 metres tall including its antennas.";
        const string nearDuplicate = "The Eiffel Tower in Paris was completed in 1889 and is 330 metres tall, including its antennas!";
        string text =
            $"[1] {duplicate}\n" +
            "[2] The Colosseum in Rome could hold about fifty thousand spectators.\n" +
            $"[3] {nearDuplicate}\n" +
            "[4] The Great Wall of China stretches for thousands of kilometres.\n" +
            "[5] Big Ben is the nickname of the great bell in the Palace of Westminster.\n";
        var compressor = new ExtractiveCompressor(new ExtractiveOptions { Granularity = ExtractionGranularity.Passage });
        int budget = TestSupport.Counter.CountTokens(text) - 5;
        CompressedText result = await compressor.CompressAsync(TestSupport.Request(text, budget, "How tall is the Eiffel Tower in Paris?"), TestContext.Current.CancellationToken);
        int eiffel = CountOccurrences(result.Text, "Eiffel Tower");
        Assert.Equal(1, eiffel);
        Assert.Contains("Colosseum", result.Text, StringComparison.Ordinal);
        Assert.Contains("Great Wall", result.Text, StringComparison.Ordinal);
        Assert.Contains("Big Ben", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompressAsync_QueryLess_KeepsCentralContent()
    {
        string text =
            "Solar panels convert sunlight into electricity. " +
            "My neighbour owns a red bicycle. " +
            "Modern solar panels convert about twenty percent of sunlight into electricity. " +
            "The cafeteria serves soup on Tuesdays. " +
            "Cheap solar panels make electricity from sunlight affordable.";
        var compressor = new ExtractiveCompressor(new ExtractiveOptions { Granularity = ExtractionGranularity.Sentence, RedundancyPenalty = 0, DuplicateThreshold = 1 });
        CompressedText result = await compressor.CompressAsync(TestSupport.Request(text, 30), TestContext.Current.CancellationToken);
        Assert.Contains("solar panels", result.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("bicycle", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("cafeteria", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompressAsync_BudgetCoversInput_ReturnsInputUnchanged()
    {
        var compressor = new ExtractiveCompressor();
        CompressedText result = await compressor.CompressAsync(TestSupport.Request(TestSupport.Documents, 100_000, Query), TestContext.Current.CancellationToken);
        Assert.Equal(TestSupport.Documents, result.Text);
        CompressedText empty = await compressor.CompressAsync(TestSupport.Request(string.Empty, 0), TestContext.Current.CancellationToken);
        Assert.Equal(string.Empty, empty.Text);
        CompressedText zero = await compressor.CompressAsync(TestSupport.Request(TestSupport.Documents, 0, Query), TestContext.Current.CancellationToken);
        Assert.Equal(string.Empty, zero.Text);
    }

    [Fact]
    public async Task CompressAsync_NothingFits_TruncatesBestUnitAtTokenBoundary()
    {
        string text = "Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega";
        var compressor = new ExtractiveCompressor();
        CompressedText result = await compressor.CompressAsync(TestSupport.Request(text, 5), TestContext.Current.CancellationToken);
        Assert.StartsWith("Alpha", result.Text, StringComparison.Ordinal);
        Assert.InRange(TestSupport.Counter.CountTokens(result.Text), 1, 5);
    }

    [Fact]
    public async Task CompressAsync_NeighborUnits_KeepsContextAroundKeptSentence()
    {
        string text = "Intro about weather. The reactor uses thorium fuel. It was built in 1965. Lunch was at noon. Unrelated closing words here.";
        var options = new ExtractiveOptions { Granularity = ExtractionGranularity.Sentence, NeighborUnits = 1 };
        CompressedText result = await new ExtractiveCompressor(options).CompressAsync(TestSupport.Request(text, 22, "What fuel does the reactor use?"), TestContext.Current.CancellationToken);
        Assert.Contains("Intro about weather. The reactor uses thorium fuel. It was built in 1965.", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompressAsync_KeepFirstAndLast_KeepsEnds()
    {
        var options = new ExtractiveOptions { Granularity = ExtractionGranularity.Sentence, KeepFirstUnit = true, KeepLastUnit = true };
        CompressedText result = await new ExtractiveCompressor(options).CompressAsync(TestSupport.Request(TestSupport.Documents, 70, Query), TestContext.Current.CancellationToken);
        Assert.StartsWith("Document [1](Title: Volcanoes)", result.Text, StringComparison.Ordinal);
        Assert.EndsWith("Many glaciers are shrinking today.\n", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompressAsync_OddUnicode_DoesNotThrowOrSplitSurrogates()
    {
        string text = "Emoji 😀 here. \uD83D lone high. Combining e\u0301 mark. RTL \u202Eטקסט\u202C text.\r\nZero\u200Bwidth. 東京は大きい。終わり。";
        var compressor = new ExtractiveCompressor(new ExtractiveOptions { ElisionMarker = "…" });
        for (int budget = 1; budget < 40; budget++)
        {
            CompressedText result = await compressor.CompressAsync(TestSupport.Request(text, budget, "emoji 😀"), TestContext.Current.CancellationToken);
            Assert.True(TestSupport.Counter.CountTokens(result.Text) <= budget);
            foreach (TextSpan span in result.KeptSpans)
            {
                Assert.False(span.Start > 0 && char.IsLowSurrogate(text[span.Start]) && char.IsHighSurrogate(text[span.Start - 1]));
                Assert.False(span.End < text.Length && char.IsLowSurrogate(text[span.End]) && char.IsHighSurrogate(text[span.End - 1]));
            }
        }
    }

    [Fact]
    public async Task CompressAsync_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ExtractiveCompressor().CompressAsync(TestSupport.Request(TestSupport.Documents, 40, Query), cts.Token));
    }

    [Fact]
    public async Task CompressAsync_CancelledDuringScoring_Throws()
    {
        using var cts = new CancellationTokenSource();
        var lm = new FakeTokenScorer();
        lm.OnCall = cts.Cancel;
        var compressor = new ExtractiveCompressor(new SurprisalRelevanceScorer(lm, batchSize: 2));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => compressor.CompressAsync(TestSupport.Request(TestSupport.Documents, 40, Query), cts.Token));
    }

    [Fact]
    public async Task CompressAsFirstStageAsync_SelectsToMultipleOfBudget()
    {
        var compressor = new ExtractiveCompressor(new ExtractiveOptions { Granularity = ExtractionGranularity.Sentence });
        SegmentCompressionRequest request = TestSupport.Request(TestSupport.Documents, 40, Query);
        CompressedText first = await compressor.CompressAsFirstStageAsync(request, 1.5, TestContext.Current.CancellationToken);
        int tokens = TestSupport.Counter.CountTokens(first.Text);
        Assert.InRange(tokens, 41, 60);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => compressor.CompressAsFirstStageAsync(request, 0.5, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CompressAsync_ConcurrentRequests_AgreeWithSequential()
    {
        var compressor = new ExtractiveCompressor();
        string expected = (await compressor.CompressAsync(TestSupport.Request(TestSupport.Documents, 50, Query), TestContext.Current.CancellationToken)).Text;
        Task<CompressedText>[] tasks = new Task<CompressedText>[8];
        for (int i = 0; i < tasks.Length; i++)
        {
            tasks[i] = Task.Run(() => compressor.CompressAsync(TestSupport.Request(TestSupport.Documents, 50, Query)), TestContext.Current.CancellationToken);
        }

        foreach (CompressedText result in await Task.WhenAll(tasks))
        {
            Assert.Equal(expected, result.Text);
        }
    }

    [Fact]
    public async Task CompressAsync_LargeInput_FitsBudget()
    {
        var builder = new StringBuilder();
        for (int i = 0; i < 200; i++)
        {
            builder.Append("Document [").Append(i).Append("] Record ").Append(i).Append(" notes that sample ").Append(i % 17).Append(" was measured. The value rose by ").Append(i % 7).Append(" percent.\n");
        }

        string text = builder.ToString();
        CompressedText result = await new ExtractiveCompressor().CompressAsync(TestSupport.Request(text, 300, "Which record measured sample 5?"), TestContext.Current.CancellationToken);
        Assert.InRange(TestSupport.Counter.CountTokens(result.Text), 200, 300);
        Assert.Contains("sample 5 was measured", result.Text, StringComparison.Ordinal);
    }

    private static int CountOccurrences(string text, string value)
    {
        int count = 0;
        for (int i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
