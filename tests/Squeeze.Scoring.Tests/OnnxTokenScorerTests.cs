using System.Text.Json;

namespace Squeeze.Scoring;

public sealed class OnnxTokenScorerTests
{
    private const float Tolerance = 1e-3f;

    private static OnnxTokenScorer Scorer(string kind) => kind == "logits" ? TestModels.Logits : TestModels.Surprisal;

    private static List<JsonElement> Cases => [.. TestModels.Reference.GetProperty("cases").EnumerateArray()];

    [Theory]
    [InlineData("surprisal")]
    [InlineData("logits")]
    public async Task ScoreAsync_MatchesPyTorchReference(string kind)
    {
        OnnxTokenScorer scorer = Scorer(kind);
        List<JsonElement> cases = Cases;
        IReadOnlyList<TokenScores> scores = await scorer.ScoreAsync([.. cases.Select(c => new ScoringInput(c.GetProperty("text").GetString()!))], TestContext.Current.CancellationToken);
        for (int i = 0; i < cases.Count; i++)
        {
            int[] ids = TestModels.Ints(cases[i].GetProperty("ids"));
            float[] reference = TestModels.Floats(cases[i].GetProperty("surprisal"));
            Assert.Equal(ids[1..], scores[i].TokenIds.ToArray());

            // Texts longer than the window: the first window [0, 512) sees exactly the reference's context.
            int n = Math.Min(ids.Length, scorer.WindowSize) - 1;
            TestModels.AssertClose(reference.AsSpan(1, n), scores[i].Surprisal.Span[..n], Tolerance, $"{kind} case {i}");
        }
    }

    [Theory]
    [InlineData("surprisal")]
    [InlineData("logits")]
    public void RunRows_DisjointPaddedWindows_MatchWindowedReference(string kind)
    {
        OnnxTokenScorer scorer = Scorer(kind);
        JsonElement longCase = Cases.Single(c => c.TryGetProperty("surprisal_windows512", out _));
        int[] ids = TestModels.Ints(longCase.GetProperty("ids"));
        float[] reference = TestModels.Floats(longCase.GetProperty("surprisal_windows512"));
        var actual = new float[ids.Length];
        var rows = new List<ScoreRow>();
        for (int s = 0; s < ids.Length; s += 512)
        {
            int length = Math.Min(512, ids.Length - s);
            rows.Add(new ScoreRow(ids, s, length, 1, actual, s + 1));
        }

        Assert.True(ids.Length % 512 != 0, "the last window must be shorter, so that padding is exercised");
        ((IRowScorer)scorer).RunRows(rows, TestContext.Current.CancellationToken);
        TestModels.AssertClose(reference, actual, Tolerance, kind);
    }

    [Theory]
    [InlineData("surprisal")]
    [InlineData("logits")]
    public void RunRows_RightPaddedBatch_MatchesBatchedReference(string kind)
    {
        JsonElement batched = TestModels.Reference.GetProperty("batched")[0];
        List<JsonElement> rows = [.. batched.GetProperty("input_ids").EnumerateArray()];
        List<JsonElement> masks = [.. batched.GetProperty("attention_mask").EnumerateArray()];
        List<JsonElement> expected = [.. batched.GetProperty("surprisal").EnumerateArray()];
        var scoreRows = new List<ScoreRow>();
        var outputs = new List<float[]>();
        for (int r = 0; r < rows.Count; r++)
        {
            int[] ids = TestModels.Ints(rows[r]);
            int length = TestModels.Ints(masks[r]).Sum();
            var output = new float[length - 1];
            outputs.Add(output);
            scoreRows.Add(new ScoreRow(ids, 0, length, 1, output, 0));
        }

        ((IRowScorer)Scorer(kind)).RunRows(scoreRows, TestContext.Current.CancellationToken);
        for (int r = 0; r < rows.Count; r++)
        {
            TestModels.AssertClose(TestModels.Floats(expected[r]).AsSpan(1, outputs[r].Length), outputs[r], Tolerance, $"{kind} row {r}");
        }
    }

    [Theory]
    [InlineData("surprisal")]
    [InlineData("logits")]
    public async Task ScoreAsync_ShorterThanWindow_WindowedEqualsSinglePass(string kind)
    {
        // 321 ids: one window of 400 must give the single-pass reference exactly.
        JsonElement c = Cases.First(x => x.GetProperty("ids").GetArrayLength() is > 200 and < 400);
        string graph = kind == "logits" ? "model.onnx" : "surprisal.onnx";
        using OnnxTokenScorer scorer = OnnxTokenScorer.Load(TestModels.TinyLlama, new OnnxScorerOptions { GraphFile = graph, WindowSize = 400, MinLeftContext = 16 });
        TokenScores scores = (await scorer.ScoreAsync([new ScoringInput(c.GetProperty("text").GetString()!)], TestContext.Current.CancellationToken))[0];
        TestModels.AssertClose(TestModels.Floats(c.GetProperty("surprisal")).AsSpan(1), scores.Surprisal.Span, Tolerance, kind);
    }

    [Fact]
    public async Task ScoreAsync_LongerThanWindow_StitchesEveryTokenOnce()
    {
        JsonElement c = Cases.First(x => x.GetProperty("ids").GetArrayLength() is > 200 and < 400);
        float[] reference = TestModels.Floats(c.GetProperty("surprisal"));
        using OnnxTokenScorer scorer = OnnxTokenScorer.Load(TestModels.TinyLlama, new OnnxScorerOptions { WindowSize = 64, MinLeftContext = 16, MaxBatchSize = 3 });
        TokenScores scores = (await scorer.ScoreAsync([new ScoringInput(c.GetProperty("text").GetString()!)], TestContext.Current.CancellationToken))[0];
        Assert.Equal(reference.Length - 1, scores.Count);

        // The first window is [0, 64): identical context to the single pass.
        TestModels.AssertClose(reference.AsSpan(1, 63), scores.Surprisal.Span[..63], Tolerance, "first window");

        // Every later token was written (no gap left at 0) and is close to its full-context value on this random model.
        var windows = new List<ScoringWindow>();
        WindowPlanner.Plan(reference.Length, 1, 64, 16, windows);
        Assert.True(windows.Count > 4);
        foreach (ScoringWindow w in windows)
        {
            // The first token a window scores sees only the window's context: rescore it alone and compare.
            var single = new float[1];
            int[] ids = TestModels.Ints(c.GetProperty("ids"));
            ((IRowScorer)scorer).RunRows([new ScoreRow(ids, w.Start, w.ScoreFrom - w.Start + 1, w.ScoreFrom - w.Start, single, 0)], TestContext.Current.CancellationToken);
            Assert.Equal(single[0], scores.Surprisal.Span[w.ScoreFrom - 1], 4);
        }

        Assert.All(scores.Surprisal.ToArray(), s => Assert.True(s > 0 && float.IsFinite(s)));
    }

    [Theory]
    [InlineData("surprisal")]
    [InlineData("logits")]
    public async Task ScoreAsync_Conditional_MatchesReference(string kind)
    {
        List<JsonElement> conditional = [.. TestModels.Reference.GetProperty("conditional").EnumerateArray()];
        IReadOnlyList<TokenScores> scores = await Scorer(kind).ScoreAsync(
            [.. conditional.Select(c => new ScoringInput(c.GetProperty("continuation").GetString()!, c.GetProperty("prefix").GetString()))],
            TestContext.Current.CancellationToken);
        for (int i = 0; i < conditional.Count; i++)
        {
            Assert.Equal(TestModels.Ints(conditional[i].GetProperty("continuation_ids")), scores[i].TokenIds.ToArray());
            Assert.Equal(TestModels.Ints(conditional[i].GetProperty("prefix_ids"))[1..], Scorer(kind).Encoder.EncodeIds(conditional[i].GetProperty("prefix").GetString()!));
            TestModels.AssertClose(TestModels.Floats(conditional[i].GetProperty("continuation_surprisal")), scores[i].Surprisal.Span, Tolerance, $"{kind} conditional {i}");
        }
    }

    [Fact]
    public async Task ScoreAsync_Conditional_EqualsScoringTheConcatenation()
    {
        const string Prefix = "The lighthouse keeper wrote in the log every night.";
        const string Text = " The storm came from the west and the bell rang until morning.";
        IReadOnlyList<TokenScores> scores = await TestModels.Surprisal.ScoreAsync([new ScoringInput(Text, Prefix), new ScoringInput(Prefix + Text)], TestContext.Current.CancellationToken);
        TokenScores conditional = scores[0];
        TokenScores whole = scores[1];
        int offset = whole.Count - conditional.Count;
        Assert.Equal(conditional.TokenIds.ToArray(), whole.TokenIds.Span[offset..].ToArray());
        TestModels.AssertClose(whole.Surprisal.Span[offset..], conditional.Surprisal.Span, 1e-4f, "conditional vs concatenation");
        for (int i = 0; i < conditional.Count; i++)
        {
            TextSpan inWhole = whole.Spans.Span[offset + i];
            Assert.Equal(new TextSpan(inWhole.Start - Prefix.Length, inWhole.Length), conditional.Spans.Span[i]);
        }
    }

    [Fact]
    public async Task ScoreAsync_QuestionGivenManyDocuments_BatchedEqualsOneByOne()
    {
        const string Question = " What did the board decide about the program?";
        string[] documents = [.. Enumerable.Range(0, 20).Select(i => string.Join(" ", Enumerable.Repeat($"Document {i} talks about topic number {i * 7}.", 1 + (i % 5))))];
        ScoringInput[] inputs = [.. documents.Select(d => new ScoringInput(Question, d))];
        IReadOnlyList<TokenScores> batched = await TestModels.Surprisal.ScoreAsync(inputs, TestContext.Current.CancellationToken);
        Assert.Equal(20, batched.Count);
        for (int i = 0; i < inputs.Length; i++)
        {
            TokenScores alone = (await TestModels.Surprisal.ScoreAsync([inputs[i]], TestContext.Current.CancellationToken))[0];
            TestModels.AssertClose(alone.Surprisal.Span, batched[i].Surprisal.Span, 1e-4f, $"document {i}");
        }

        Assert.NotEqual(batched[0].Surprisal.ToArray(), batched[19].Surprisal.ToArray());
    }

    [Fact]
    public async Task ScoreAsync_EmptyTextsAndEmptyBatch_ReturnEmptyScores()
    {
        Assert.Empty(await TestModels.Surprisal.ScoreAsync([], TestContext.Current.CancellationToken));
        IReadOnlyList<TokenScores> scores = await TestModels.Surprisal.ScoreAsync([new ScoringInput(string.Empty), new ScoringInput(string.Empty, "prefix"), new ScoringInput("a")], TestContext.Current.CancellationToken);
        Assert.Equal(0, scores[0].Count);
        Assert.Equal(0, scores[1].Count);
        Assert.Equal(1, scores[2].Count);
    }

    [Fact]
    public async Task ScoreAsync_Canceled_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TestModels.Surprisal.ScoreAsync([new ScoringInput("hello")], cts.Token));
    }

    [Fact]
    public async Task ScoreAsync_ConcurrentCalls_GiveIdenticalResults()
    {
        string text = Cases[1].GetProperty("text").GetString()!;
        TokenScores expected = (await TestModels.Surprisal.ScoreAsync([new ScoringInput(text)], TestContext.Current.CancellationToken))[0];
        TokenScores[][] results = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ => (await TestModels.Surprisal.ScoreAsync([new ScoringInput(text)], TestContext.Current.CancellationToken)).ToArray()));
        Assert.All(results, r => Assert.Equal(expected.Surprisal.ToArray(), r[0].Surprisal.ToArray()));
    }

    [Fact]
    public void Properties_DescribeTheLoadedModel()
    {
        OnnxTokenScorer scorer = TestModels.Surprisal;
        Assert.Equal("onnx:tiny-llama", scorer.Name);
        Assert.Equal(512, scorer.WindowSize);
        Assert.Equal(128, scorer.MinLeftContext);
        Assert.Equal(0, scorer.BosTokenId);
        Assert.True(scorer.HasIncrementalGraph);
        Assert.Equal(GraphOutputKind.Surprisal, scorer.WindowsGraph.Kind);
        Assert.Equal(GraphOutputKind.Logits, TestModels.Logits.WindowsGraph.Kind);
        Assert.EndsWith("model-kv.onnx", TestModels.Logits.IncrementalGraph!.FilePath, StringComparison.Ordinal);
    }
}
