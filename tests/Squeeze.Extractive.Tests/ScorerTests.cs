using System.Diagnostics;
using System.Text;

namespace Squeeze.Extractive;

public sealed class ScorerTests
{
    private static TextSpan[] Passages => TextSegmenter.Split(TestSupport.Documents, TextUnitLevel.Passage);

    [Fact]
    public void Bm25_PassageWithQueryTerms_RanksFirst()
    {
        float[] scores = new Bm25RelevanceScorer().Score(TestSupport.Documents, Passages, "Which bees dance to show where flowers are?");
        Assert.Equal(6, scores.Length);
        Assert.Equal(4, Array.IndexOf(scores, scores.Max()));
    }

    [Fact]
    public void Bm25_StemmedForms_Match()
    {
        const string text = "The river flows quietly. Compressing files saves space. Running daily helps.";
        TextSpan[] units = TextSegmenter.Split(text, TextUnitLevel.Sentence);
        float[] scores = new Bm25RelevanceScorer().Score(text, units, "compressed file");
        Assert.Equal(1, Array.IndexOf(scores, scores.Max()));
        Assert.Equal(WordHasher.HashWord("runs"), WordHasher.HashWord("running"));
        Assert.Equal(WordHasher.HashWord("Studies"), WordHasher.HashWord("study"));
    }

    [Fact]
    public void Bm25_NoQuery_PrefersCentralUnits()
    {
        const string text = "Rivers carry water to the sea. A violin has four strings. Rivers shape valleys as water flows to the sea. Water in rivers returns to the sea.";
        TextSpan[] units = TextSegmenter.Split(text, TextUnitLevel.Sentence);
        float[] scores = new Bm25RelevanceScorer().Score(text, units, null);
        Assert.Equal(1, Array.IndexOf(scores, scores.Min()));
    }

    [Fact]
    public void Bm25_AfterWarmup_AllocatesOnlyResult()
    {
        string text = BuildText(10_000, out TextSpan[] units);
        var scorer = new Bm25RelevanceScorer();
        // Minimum over a few runs: ArrayPool.Shared may allocate when the thread lands on a different core's partition.
        long withQuery = long.MaxValue;
        long withoutQuery = long.MaxValue;
        for (int i = 0; i < 5; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            scorer.Score(text, units, "measured sample value rose");
            withQuery = Math.Min(withQuery, GC.GetAllocatedBytesForCurrentThread() - before);
            before = GC.GetAllocatedBytesForCurrentThread();
            scorer.Score(text, units, null);
            withoutQuery = Math.Min(withoutQuery, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        long resultBytes = (units.Length * sizeof(float)) + 64;
        Assert.True(withQuery <= resultBytes, $"{withQuery} bytes allocated with a query.");
        Assert.True(withoutQuery <= resultBytes, $"{withoutQuery} bytes allocated without a query.");
    }

    [Fact]
    public async Task Surprisal_UnitThatLowersQuestionSurprisal_RanksFirst()
    {
        var lm = new FakeTokenScorer();
        var scorer = new SurprisalRelevanceScorer(lm, batchSize: 4);
        float[] scores = await scorer.ScoreAsync(TestSupport.Documents, Passages, "Where is Mount Etna?", TestContext.Current.CancellationToken);
        Assert.Equal(0, Array.IndexOf(scores, scores.Max()));
        Assert.Equal(3, lm.Calls); // one baseline call, then 6 units in batches of 4
    }

    [Fact]
    public async Task Surprisal_NoQuery_ScoresSelfInformation()
    {
        float[] scores = await new SurprisalRelevanceScorer(new FakeTokenScorer()).ScoreAsync(TestSupport.Documents, Passages, null, TestContext.Current.CancellationToken);
        Assert.All(scores, s => Assert.Equal(5f, s));
    }

    [Fact]
    public async Task CompressAsync_SurprisalScorer_KeepsPassageThatExplainsQuestion()
    {
        var compressor = new ExtractiveCompressor(new SurprisalRelevanceScorer(new FakeTokenScorer()), new ExtractiveOptions { Granularity = ExtractionGranularity.Passage });
        CompressedText result = await compressor.CompressAsync(TestSupport.Request(TestSupport.Documents, 50, "Who was Louis Armstrong in jazz?"), TestContext.Current.CancellationToken);
        Assert.Contains("Louis Armstrong was an influential trumpeter", result.Text, StringComparison.Ordinal);
        Assert.Equal("extractive-surprisal", result.Method);
    }

    [Fact]
    public async Task CompressAsync_WithEmbeddings_PicksSemanticallyMatchingPassage()
    {
        // "automobile upkeep" shares no word with the car passage; only the embedding knows they are related.
        const string query = "automobile upkeep";
        float[] bm25 = new Bm25RelevanceScorer().Score(TestSupport.Documents, Passages, query);
        Assert.All(bm25, s => Assert.True(s >= 0));
        var generator = new BagOfWordsEmbeddingGenerator();
        var compressor = new ExtractiveCompressor(new EmbeddingRelevanceScorer(generator), new ExtractiveOptions { Granularity = ExtractionGranularity.Passage });
        CompressedText result = await compressor.CompressAsync(TestSupport.Request(TestSupport.Documents, 50, query), TestContext.Current.CancellationToken);
        Assert.Contains("Change the engine oil", result.Text, StringComparison.Ordinal);
        Assert.Equal("extractive-embedding", result.Method);
    }

    [Fact]
    public async Task Embedding_RepeatedTexts_AreEmbeddedOnce()
    {
        var generator = new BagOfWordsEmbeddingGenerator();
        var scorer = new EmbeddingRelevanceScorer(generator, cacheCapacity: 100);
        await scorer.ScoreAsync(TestSupport.Documents, Passages, "bees", TestContext.Current.CancellationToken);
        int embedded = generator.Embedded;
        float[] again = await scorer.ScoreAsync(TestSupport.Documents, Passages, "bees", TestContext.Current.CancellationToken);
        Assert.Equal(7, embedded);
        Assert.Equal(embedded, generator.Embedded);
        Assert.Equal(4, Array.IndexOf(again, again.Max()));
        Assert.Equal(7, scorer.CachedCount);
    }

    [Fact]
    public async Task Embedding_CacheIsBounded()
    {
        var scorer = new EmbeddingRelevanceScorer(new BagOfWordsEmbeddingGenerator(), cacheCapacity: 3);
        await scorer.ScoreAsync(TestSupport.Documents, Passages, null, TestContext.Current.CancellationToken);
        Assert.Equal(3, scorer.CachedCount);
    }

    [Fact]
    public async Task Fused_ReciprocalRank_CombinesScorers()
    {
        var fused = new FusedRelevanceScorer([new FixedScorer([3, 2, 1]), new FixedScorer([1, 3, 2])]);
        float[] scores = await fused.ScoreAsync("abc", [new(0, 1), new(1, 1), new(2, 1)], "q", TestContext.Current.CancellationToken);
        Assert.Equal(1, Array.IndexOf(scores, scores.Max())); // ranks 2+1 beat 1+3 and 3+2
        Assert.Equal("fixed+fixed", fused.Name);
    }

    [Fact]
    public async Task Fused_Weighted_UsesNormalisedScores()
    {
        var fused = new FusedRelevanceScorer([new FixedScorer([100, 0, 50]), new FixedScorer([0, 1, 0.9f])], FusionMethod.Weighted, [1f, 3f]);
        float[] scores = await fused.ScoreAsync("abc", [new(0, 1), new(1, 1), new(2, 1)], "q", TestContext.Current.CancellationToken);
        Assert.Equal(2, Array.IndexOf(scores, scores.Max()));
    }

    [Fact]
    public void Constructors_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Bm25RelevanceScorer(k1: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Bm25RelevanceScorer(b: 2));
        Assert.Throws<ArgumentException>(() => new FusedRelevanceScorer([]));
        Assert.Throws<ArgumentException>(() => new FusedRelevanceScorer([new FixedScorer([1])], weights: [1f, 2f]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SurprisalRelevanceScorer(new FakeTokenScorer(), batchSize: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmbeddingRelevanceScorer(new BagOfWordsEmbeddingGenerator(), cacheCapacity: -1));
    }

    private static string BuildText(int tokens, out TextSpan[] units)
    {
        var builder = new StringBuilder();
        int i = 0;
        while (TestSupport.Counter.CountTokens(builder.ToString()) < tokens)
        {
            for (int k = 0; k < 50; k++, i++)
            {
                builder.Append("Record ").Append(i).Append(" notes that sample ").Append(i % 17).Append(" was measured carefully; the value rose by ").Append(i % 7).Append(" percent. ");
            }
        }

        string text = builder.ToString();
        units = TextSegmenter.Split(text, TextUnitLevel.Sentence);
        return text;
    }

    private sealed class FixedScorer(float[] scores) : IRelevanceScorer
    {
        public string Name => "fixed";

        public ValueTask<float[]> ScoreAsync(string text, IReadOnlyList<TextSpan> units, string? query, CancellationToken cancellationToken = default) => ValueTask.FromResult((float[])scores.Clone());
    }
}
