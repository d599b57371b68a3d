using System.Text.Json;

namespace Squeeze.Scoring;

public sealed class ScoringSessionTests
{
    private static JsonElement MediumCase => TestModels.Reference.GetProperty("cases").EnumerateArray().First(x => x.GetProperty("ids").GetArrayLength() is > 200 and < 400);

    /// <summary>Splits before spaces that precede a letter, so each chunk tokenizes as in the whole text.</summary>
    /// <summary>The tiny Llama fixture with the given graphs; window 0 is the model's own window, with 64 tokens of left context.</summary>
    private static OnnxTokenScorer LoadTinyLlama(string graph, string? incremental, int window) => OnnxTokenScorer.Load(
        TestModels.TinyLlama, new OnnxScorerOptions { GraphFile = graph, IncrementalGraphFile = incremental, WindowSize = window, MinLeftContext = window > 0 ? 12 : 64 });

    private static List<string> Chunks(string text, int count)
    {
        var cuts = new List<int>();
        for (int i = 1; i < text.Length - 1; i++)
        {
            if (text[i] == ' ' && char.IsLetter(text[i + 1]) && char.IsLetter(text[i - 1]))
            {
                cuts.Add(i);
            }
        }

        var chunks = new List<string>();
        int previous = 0;
        for (int k = 1; k < count; k++)
        {
            int cut = cuts[k * cuts.Count / count];
            if (k == 2)
            {
                cut = cuts[(k * cuts.Count / count) + 1]; // uneven sizes, one single-word chunk
            }

            chunks.Add(text[previous..cut]);
            previous = cut;
        }

        chunks.Add(text[previous..]);
        return chunks;
    }

    private static async Task<(int[] Ids, float[] Surprisal)> AppendAllAsync(OnnxTokenScorer scorer, IEnumerable<string> chunks)
    {
        using IScoringSession session = scorer.CreateSession();
        var ids = new List<int>();
        var surprisal = new List<float>();
        foreach (string chunk in chunks)
        {
            TokenScores scores = await session.AppendAsync(chunk, TestContext.Current.CancellationToken);
            Assert.Equal(chunk, scores.Text);
            ids.AddRange(scores.TokenIds.ToArray());
            surprisal.AddRange(scores.Surprisal.ToArray());
        }

        return ([.. ids], [.. surprisal]);
    }

    [Theory]
    [InlineData("surprisal.onnx", null)]
    [InlineData("model.onnx", null)]
    [InlineData("surprisal.onnx", "")]
    public async Task Session_Incremental_MatchesFullRescoring(string graph, string? incremental)
    {
        using OnnxTokenScorer scorer = OnnxTokenScorer.Load(TestModels.TinyLlama, new OnnxScorerOptions { GraphFile = graph, IncrementalGraphFile = incremental });
        Assert.Equal(incremental is null, scorer.HasIncrementalGraph);
        string text = MediumCase.GetProperty("text").GetString()!;
        List<string> chunks = Chunks(text, 6);
        chunks.Insert(3, string.Empty);
        (int[] ids, float[] surprisal) = await AppendAllAsync(scorer, chunks);
        Assert.Equal(TestModels.Ints(MediumCase.GetProperty("ids"))[1..], ids);
        TokenScores full = (await scorer.ScoreAsync([new ScoringInput(text)], TestContext.Current.CancellationToken))[0];
        TestModels.AssertClose(full.Surprisal.Span, surprisal, 1e-3f, "incremental vs full");
        TestModels.AssertClose(TestModels.Floats(MediumCase.GetProperty("surprisal")).AsSpan(1), surprisal, 1e-3f, "incremental vs PyTorch");
    }

    [Theory]
    [InlineData("surprisal.onnx", null)]
    [InlineData("model.onnx", null)]
    [InlineData("surprisal.onnx", "")]
    public async Task Session_BeyondWindow_EvictsAndKeepsScoringWithBoundedContext(string graph, string? incremental)
    {
        using OnnxTokenScorer scorer = OnnxTokenScorer.Load(TestModels.TinyLlama, new OnnxScorerOptions { GraphFile = graph, IncrementalGraphFile = incremental, WindowSize = 48, MinLeftContext = 12 });
        string text = MediumCase.GetProperty("text").GetString()!;
        (int[] ids, float[] surprisal) = await AppendAllAsync(scorer, Chunks(text, 9));
        float[] reference = TestModels.Floats(MediumCase.GetProperty("surprisal"));
        Assert.Equal(reference.Length - 1, ids.Length);
        TestModels.AssertClose(reference.AsSpan(1, 40), surprisal.AsSpan(0, 40), 1e-3f, "before the first eviction");
        Assert.All(surprisal, s => Assert.True(s > 0 && float.IsFinite(s)));
    }

    [Fact]
    public async Task Session_BeyondWindow_SurprisalAndLogitsCachesAgreeThroughEvictions()
    {
        using OnnxTokenScorer surprisalKv = OnnxTokenScorer.Load(TestModels.TinyLlama, new OnnxScorerOptions { WindowSize = 48, MinLeftContext = 12 });
        using OnnxTokenScorer logitsKv = OnnxTokenScorer.Load(TestModels.TinyLlama, new OnnxScorerOptions { GraphFile = "model.onnx", WindowSize = 48, MinLeftContext = 12 });
        List<string> chunks = Chunks(MediumCase.GetProperty("text").GetString()!, 9);
        (_, float[] a) = await AppendAllAsync(surprisalKv, chunks);
        (_, float[] b) = await AppendAllAsync(logitsKv, chunks);
        TestModels.AssertClose(a, b, 1e-3f, "surprisal-kv vs model-kv sessions");
    }

    [Fact]
    public async Task Session_KvAndRescoringFallback_AgreeAfterEviction()
    {
        using OnnxTokenScorer kv = OnnxTokenScorer.Load(TestModels.TinyLlama, new OnnxScorerOptions { WindowSize = 48, MinLeftContext = 12 });
        string text = MediumCase.GetProperty("text").GetString()!;

        // One-token appends: both evict at the same points only if their windows agree; compare the first window exactly.
        List<string> chunks = Chunks(text, 4);
        (_, float[] a) = await AppendAllAsync(kv, chunks);
        (_, float[] b) = await AppendAllAsync(TestModels.Surprisal, chunks);
        TestModels.AssertClose(b.AsSpan(0, 47), a.AsSpan(0, 47), 1e-3f, "first window");
    }

    [Theory]
    [InlineData("surprisal.onnx", null, 0)]
    [InlineData("surprisal.onnx", null, 48)]
    [InlineData("surprisal.onnx", "", 0)]
    [InlineData("model.onnx", null, 48)]
    public async Task Session_Peek_ScoresLikeAppend_AndLeavesTheSessionAsItWas(string graph, string? incremental, int window)
    {
        // window 48: the peeked chunk no longer fits beside the cache, so the peek rescores the tail of the history instead.
        using OnnxTokenScorer scorer = LoadTinyLlama(graph, incremental, window);
        List<string> chunks = Chunks(MediumCase.GetProperty("text").GetString()!, 6);
        using IScoringSession peeking = scorer.CreateSession();
        using IScoringSession appending = scorer.CreateSession();
        CancellationToken ct = TestContext.Current.CancellationToken;
        foreach (string chunk in chunks)
        {
            TokenScores peeked = await peeking.PeekAsync(chunk, ct);
            TokenScores again = await peeking.PeekAsync(chunk, ct);
            TokenScores appended = await appending.AppendAsync(chunk, ct);
            TestModels.AssertClose(again.Surprisal.Span, peeked.Surprisal.Span, 1e-5f, "a second peek");
            Assert.Equal(appended.TokenIds.ToArray(), peeked.TokenIds.ToArray());
            if (window == 0)
            {
                TestModels.AssertClose(appended.Surprisal.Span, peeked.Surprisal.Span, 1e-3f, "peek vs append");
            }

            TokenScores committed = await peeking.AppendAsync(chunk, ct);
            TestModels.AssertClose(appended.Surprisal.Span, committed.Surprisal.Span, 1e-3f, "append after peeks vs append alone");
        }
    }

    [Theory]
    [InlineData("surprisal.onnx", null, 0)]   // key/value cache
    [InlineData("surprisal.onnx", "", 0)]     // rescoring session
    [InlineData("surprisal.onnx", "", 48)]    // rescoring session with evictions
    public async Task Session_AppendContext_ConditionsLaterScoresLikeAppend(string graph, string? incremental, int window)
    {
        using OnnxTokenScorer scorer = LoadTinyLlama(graph, incremental, window);
        List<string> chunks = Chunks(MediumCase.GetProperty("text").GetString()!, 6);
        using IScoringSession context = scorer.CreateSession();
        using IScoringSession appending = scorer.CreateSession();
        CancellationToken ct = TestContext.Current.CancellationToken;
        for (int i = 0; i < chunks.Count - 1; i++)
        {
            await context.AppendContextAsync(chunks[i], ct);
            await appending.AppendAsync(chunks[i], ct);
        }

        TokenScores afterContext = await context.PeekAsync(chunks[^1], ct);
        TokenScores afterAppends = await appending.PeekAsync(chunks[^1], ct);
        Assert.True(afterContext.Count > 10);
        Assert.Equal(afterAppends.TokenIds.ToArray(), afterContext.TokenIds.ToArray());
        TestModels.AssertClose(afterAppends.Surprisal.Span, afterContext.Surprisal.Span, 1e-4f, "context appends vs scored appends");
    }

    [Theory]
    [InlineData(null)] // key/value cache sessions: peeked one by one
    [InlineData("")]   // rescoring sessions: one batch
    public async Task ScorerPeek_OverSessions_ScoresLikeEachSessionsPeek_AndLeavesThemAsTheyWere(string? incremental)
    {
        using OnnxTokenScorer scorer = OnnxTokenScorer.Load(TestModels.TinyLlama, new OnnxScorerOptions { IncrementalGraphFile = incremental, WindowSize = 48, MinLeftContext = 12 });
        List<string> chunks = Chunks(MediumCase.GetProperty("text").GetString()!, 6);
        CancellationToken ct = TestContext.Current.CancellationToken;
        using IScoringSession empty = scorer.CreateSession();
        using IScoringSession shortHistory = scorer.CreateSession();
        using IScoringSession longHistory = scorer.CreateSession();
        await shortHistory.AppendContextAsync(chunks[0], ct);
        for (int i = 0; i < 4; i++)
        {
            await longHistory.AppendAsync(chunks[i], ct);
        }

        IScoringSession[] sessions = [empty, shortHistory, longHistory];
        IReadOnlyList<TokenScores> together = await scorer.PeekAsync(sessions, chunks[^1], ct);

        Assert.Equal(3, together.Count);
        for (int i = 0; i < sessions.Length; i++)
        {
            TokenScores alone = await sessions[i].PeekAsync(chunks[^1], ct);
            Assert.Equal(alone.TokenIds.ToArray(), together[i].TokenIds.ToArray());
            Assert.Equal(alone.Spans.ToArray(), together[i].Spans.ToArray());
            TestModels.AssertClose(alone.Surprisal.Span, together[i].Surprisal.Span, 1e-4f, $"session {i}");
        }

        Assert.False(together[0].Surprisal.Span.SequenceEqual(together[2].Surprisal.Span), "different histories must condition differently");
    }

    [Fact]
    public async Task Session_CanceledAppend_RollsBackAndStaysUsable()
    {
        using IScoringSession session = TestModels.Surprisal.CreateSession();
        TokenScores first = await session.AppendAsync("The keeper rang the bell", TestContext.Current.CancellationToken);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.AppendAsync(" every night.", cts.Token));
        TokenScores next = await session.AppendAsync(" every thirty seconds.", TestContext.Current.CancellationToken);
        TokenScores expected = (await TestModels.Surprisal.ScoreAsync([new ScoringInput(" every thirty seconds.", "The keeper rang the bell")], TestContext.Current.CancellationToken))[0];
        Assert.True(first.Count > 0);
        TestModels.AssertClose(expected.Surprisal.Span, next.Surprisal.Span, 1e-3f, "after cancel");
    }

    [Fact]
    public async Task Session_Disposed_Throws()
    {
        IScoringSession session = TestModels.Surprisal.CreateSession();
        session.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => session.AppendAsync("x", TestContext.Current.CancellationToken));
    }
}
