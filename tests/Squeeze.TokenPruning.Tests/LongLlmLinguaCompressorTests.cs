namespace Squeeze.TokenPruning;

public sealed class LongLlmLinguaCompressorTests
{
    private static readonly ITokenCounter Counter = TestCounters.O200k;
    private const string Question = "When was the Treaty of Westphalia signed?";

    private static LongLlmLinguaCompressor Create(TokenPruningOptions? options = null) => new(new FakeTokenScorer(), options);

    [Theory]
    [InlineData(DocumentRankingMethod.QuestionGivenDocument)]
    [InlineData(DocumentRankingMethod.Contrastive)]
    public async Task RankDocumentsAsync_RanksTheDocumentAboutTheQuestionFirst(DocumentRankingMethod method)
    {
        double[] relevance = await Create(new TokenPruningOptions { RankingMethod = method }).RankDocumentsAsync(TestData.Passages, Question, TestContext.Current.CancellationToken);
        Assert.Equal(1, Array.IndexOf(relevance, relevance.Max()));
    }

    [Fact]
    public async Task CompressDocumentsAsync_FitsEveryBudgetAndReportsRanks()
    {
        string joined = string.Join("\n\n", TestData.Passages);
        int total = Counter.CountTokens(joined);
        LongLlmLinguaCompressor compressor = Create(new TokenPruningOptions { IterativeSize = 40 });
        for (int budget = 1; budget <= total + 5; budget += 23)
        {
            DocumentCompressionResult result = await compressor.CompressDocumentsAsync(TestData.Passages, Question, budget, Counter, TestContext.Current.CancellationToken);
            Assert.True(Counter.CountTokens(result.Text) <= budget);
            Assert.Equal(Counter.CountTokens(result.Text), result.TokenCount);
            Assert.Equal(4, result.Documents.Count);
            Assert.Equal([0, 1, 2, 3], result.Documents.Select(d => d.Rank).Order());
            Assert.Equal(1, result.Documents[0].Index);
            foreach (CompressedDocument document in result.Documents)
            {
                PruningAssert.ValidPruning(TestData.Passages[document.Index], document.Compressed, Math.Max(document.TokensAfter, 0), Counter);
            }
        }
    }

    [Fact]
    public async Task CompressDocumentsAsync_WithinBudget_KeepsDocumentsWhole()
    {
        DocumentCompressionResult result = await Create(new TokenPruningOptions { DocumentOrder = DocumentOrder.Original })
            .CompressDocumentsAsync(TestData.Passages, Question, 10_000, Counter, TestContext.Current.CancellationToken);
        Assert.Equal(string.Join("\n\n", TestData.Passages), result.Text);
    }

    [Fact]
    public async Task CompressDocumentsAsync_GivesMoreRelevantDocumentsAHigherKeepRatio()
    {
        string[] documents = [.. Enumerable.Range(0, 4).Select(_ => TestData.Passages[2]).Append(TestData.Passages[1])];
        DocumentCompressionResult result = await Create().CompressDocumentsAsync(documents, Question, 150, Counter, TestContext.Current.CancellationToken);
        CompressedDocument best = result.Documents.Single(d => d.Rank == 0);
        CompressedDocument worst = result.Documents.Single(d => d.Rank == 4);
        Assert.Equal(4, best.Index);
        Assert.True(best.KeepRatio > worst.KeepRatio, $"{best.KeepRatio} <= {worst.KeepRatio}");
    }

    [Fact]
    public async Task CompressAsync_QuestionAwarePruning_KeepsWordsTheQuestionPredicts()
    {
        string text = TestData.Passages[1];
        var request = new SegmentCompressionRequest(text, 25, Counter) { Query = "Which war ended?" };
        CompressedText aware = await Create(new TokenPruningOptions { ForceKeepDigits = false }).CompressAsync(request, TestContext.Current.CancellationToken);
        CompressedText plain = await new LlmLinguaCompressor(new FakeTokenScorer(), new TokenPruningOptions { ForceKeepDigits = false })
            .CompressAsync(request, TestContext.Current.CancellationToken);
        PruningAssert.ValidPruning(text, aware, 25, Counter);
        Assert.Equal("tokens-longllmlingua", aware.Method);
        Assert.Contains(" War", aware.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(" War", plain.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DocumentOrder.Original, new[] { 0, 1, 2, 3, 4 })]
    [InlineData(DocumentOrder.MostRelevantFirst, new[] { 3, 1, 4, 0, 2 })]
    [InlineData(DocumentOrder.Edges, new[] { 3, 4, 2, 0, 1 })]
    public void Order_PlacesDocumentsByMode(DocumentOrder mode, int[] expected)
    {
        int[] byRank = [3, 1, 4, 0, 2];
        Assert.Equal(expected, LongLlmLinguaCompressor.Order(byRank, mode));
    }

    [Fact]
    public void RecoverResponse_RestoresDroppedWordsOfQuotedRuns()
    {
        string original = "The Treaty of Westphalia was signed in 1648 and ended the Thirty Years' War.";
        string compressed = "Treaty Westphalia signed 1648 ended Thirty Years War.";
        string response = "According to the text, Treaty Westphalia signed 1648.";
        Assert.Equal("According to the text, Treaty of Westphalia was signed in 1648.",
            LongLlmLinguaCompressor.RecoverResponse(response, compressed, original));
    }

    [Fact]
    public void RecoverResponse_LeavesUnquotedTextAlone()
    {
        Assert.Equal("Nothing quoted here.", LongLlmLinguaCompressor.RecoverResponse("Nothing quoted here.", "alpha beta", "alpha gamma beta"));
        Assert.Equal(string.Empty, LongLlmLinguaCompressor.RecoverResponse(string.Empty, "a b", "a c b"));
    }

    [Fact]
    public async Task CompressDocumentsAsync_NoDocuments_GivesEmptyResult()
    {
        DocumentCompressionResult result = await Create().CompressDocumentsAsync([], Question, 10, Counter, TestContext.Current.CancellationToken);
        Assert.Empty(result.Documents);
        Assert.Equal(string.Empty, result.Text);
    }
}
