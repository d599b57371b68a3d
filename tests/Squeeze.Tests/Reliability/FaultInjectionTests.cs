using System.Diagnostics.Metrics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Squeeze.Reliability;

/// <summary>A misbehaving scorer never crashes the host or sends a half-compressed request: fail-open sends the original, fail-closed throws.</summary>
public sealed class FaultInjectionTests
{
    private static readonly ITokenCounter _o200k = TargetTokenizers.ForEncoding("o200k_base");

    [Theory]
    [InlineData(FaultyScorer.Fault.Throws)]
    [InlineData(FaultyScorer.Fault.OutOfMemory)]
    [InlineData(FaultyScorer.Fault.HangsHonouringCancellation)]
    [InlineData(FaultyScorer.Fault.HangsIgnoringCancellation)]
    [InlineData(FaultyScorer.Fault.NaN)]
    [InlineData(FaultyScorer.Fault.Infinity)]
    [InlineData(FaultyScorer.Fault.WrongLength)]
    public async Task FailOpen_DeliversTheOriginalRequest_LogsAndCountsTheFailure(FaultyScorer.Fault fault)
    {
        List<ChatMessage> original = Conversations.Mixed(12);
        var scorer = new FaultyScorer(fault);
        using var inner = new TestChatClient();
        var logger = new FakeLogger();
        using var client = new CompressingChatClient(inner, new SqueezeOptions { TokenBudget = 250, Scorer = scorer, Timeout = TimeSpan.FromMilliseconds(500) }, logger);
        using var failures = new FailureCounter();

        ChatResponse response = await client.GetResponseAsync(original);

        Assert.Equal("ok", response.Text);
        Assert.True(scorer.Calls > 0, "the scorer was never called");
        Assert.Equal(original, Assert.Single(inner.Received));
        Assert.True(failures.Count >= 1, "no failure was counted");
        Assert.Contains(logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("original request is sent unchanged", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("truncated")]
    [InlineData("garbage")]
    public async Task ModelGraphBrokenAfterLoad_FailOpenSendsTheOriginal_FailClosedNamesTheFile(string damage)
    {
        // The incremental (KV cache) graph is opened on first use, in the middle of a request: break it after loading.
        string model = Path.Combine(Path.GetTempPath(), "squeeze-broken-model-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(model);
        foreach (string file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "fixtures", "models", "tiny-llama")))
        {
            File.Copy(file, Path.Combine(model, Path.GetFileName(file)));
        }

        try
        {
            using Scoring.OnnxTokenScorer scorer = Scoring.OnnxTokenScorer.Load(model);
            string graph = Path.Combine(model, "surprisal-kv.onnx");
            switch (damage)
            {
                case "missing":
                    File.Delete(graph);
                    break;
                case "truncated":
                    byte[] bytes = await File.ReadAllBytesAsync(graph, TestContext.Current.CancellationToken);
                    await File.WriteAllBytesAsync(graph, bytes[..(bytes.Length / 3)], TestContext.Current.CancellationToken);
                    break;
                default:
                    await File.WriteAllTextAsync(graph, "this is not an ONNX graph", TestContext.Current.CancellationToken);
                    break;
            }

            List<ChatMessage> original = Conversations.Mixed(12);
            using var inner = new TestChatClient();
            var logger = new FakeLogger();
            using (var open = new CompressingChatClient(inner, new SqueezeOptions { TokenBudget = 250, Scorer = scorer, Method = CompressionMethod.Tokens }, logger))
            {
                await open.GetResponseAsync(original, cancellationToken: TestContext.Current.CancellationToken);
            }

            Assert.Equal(original, Assert.Single(inner.Received));
            Assert.Contains(logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Exception is SqueezeException e && e.Message.Contains("surprisal-kv.onnx", StringComparison.Ordinal));

            using var closed = new CompressingChatClient(inner, new SqueezeOptions { TokenBudget = 250, Scorer = scorer, Method = CompressionMethod.Tokens, FailureMode = FailureMode.FailClosed });
            SqueezeException ex = await Assert.ThrowsAnyAsync<SqueezeException>(() => closed.GetResponseAsync(original, cancellationToken: TestContext.Current.CancellationToken));
            Assert.Contains("surprisal-kv.onnx", ex.Message, StringComparison.Ordinal);
            Assert.Single(inner.Received);
        }
        finally
        {
            Directory.Delete(model, recursive: true);
        }
    }

    [Theory]
    [InlineData(FaultyScorer.Fault.Throws, "scorer exploded")]
    [InlineData(FaultyScorer.Fault.HangsHonouringCancellation, "timed out")]
    [InlineData(FaultyScorer.Fault.HangsIgnoringCancellation, "timed out")]
    [InlineData(FaultyScorer.Fault.OutOfMemory, "ran out of memory")]
    [InlineData(FaultyScorer.Fault.NaN, "non-finite surprisal")]
    [InlineData(FaultyScorer.Fault.Infinity, "non-finite surprisal")]
    [InlineData(FaultyScorer.Fault.WrongLength, "outside or out of order")]
    public async Task FailClosed_ThrowsSqueezeExceptionAndSendsNothing(FaultyScorer.Fault fault, string expected)
    {
        using var inner = new TestChatClient();
        using var client = new CompressingChatClient(inner, new SqueezeOptions { TokenBudget = 250, Scorer = new FaultyScorer(fault), FailureMode = FailureMode.FailClosed, Timeout = TimeSpan.FromMilliseconds(300) });

        var error = await Assert.ThrowsAsync<SqueezeException>(() => client.GetResponseAsync(Conversations.Mixed(12)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(inner.Received);
    }

    [Fact]
    public async Task CallerCancellationDuringScoring_PropagatesEvenWhenFailingOpen()
    {
        using var inner = new TestChatClient();
        using var client = new CompressingChatClient(inner, new SqueezeOptions { TokenBudget = 250, Scorer = new FaultyScorer(FaultyScorer.Fault.HangsHonouringCancellation), Timeout = Timeout.InfiniteTimeSpan });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync(Conversations.Mixed(12), cancellationToken: cts.Token));
        Assert.Empty(inner.Received);
    }

    [Fact]
    public async Task CallerCancellationAtEveryScorerCall_ThrowsAndSendsNothing_OrSendsTheWholeResult()
    {
        List<ChatMessage> original = Conversations.Mixed(12);
        var counting = new CancellingScorer(cancelAtCall: int.MaxValue);
        using var reference = new TestChatClient();
        using (var client = new CompressingChatClient(reference, new SqueezeOptions { TokenBudget = 250, Method = CompressionMethod.Tokens, Scorer = counting }))
        {
            await client.GetResponseAsync(original, cancellationToken: TestContext.Current.CancellationToken);
        }

        string[] expected = [.. Assert.Single(reference.Received).Select(m => m.Text)];
        Assert.NotEqual(original.Select(m => m.Text), expected);
        int calls = counting.Calls;
        Assert.True(calls >= 3, $"the tokens method made only {calls} scorer calls");

        for (int k = 1; k <= calls; k++)
        {
            var scorer = new CancellingScorer(k);
            using var inner = new TestChatClient();
            using var client = new CompressingChatClient(inner, new SqueezeOptions { TokenBudget = 250, Method = CompressionMethod.Tokens, Scorer = scorer, Timeout = Timeout.InfiniteTimeSpan });
            try
            {
                await client.GetResponseAsync(original, cancellationToken: scorer.Token);
                Assert.True(k == calls, $"cancelled at scorer call {k} of {calls}, yet the request was sent");
                Assert.Equal(expected, Assert.Single(inner.Received).Select(m => m.Text));
            }
            catch (OperationCanceledException)
            {
                Assert.Empty(inner.Received);
            }
        }
    }

    /// <summary>A deterministic scorer that cancels the caller's token when it is called for the <c>cancelAtCall</c>-th time.</summary>
    private sealed class CancellingScorer(int cancelAtCall) : ITokenScorer
    {
        private readonly FaultyScorer _inner = new(FaultyScorer.Fault.None);
        private readonly CancellationTokenSource _cancellation = new();
        private int _calls;

        public string Name => "cancelling";

        public int Calls => Volatile.Read(ref _calls);

        public CancellationToken Token => _cancellation.Token;

        public Task<IReadOnlyList<TokenScores>> ScoreAsync(IReadOnlyList<ScoringInput> inputs, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _calls) == cancelAtCall)
            {
                _cancellation.Cancel();
            }

            return _inner.ScoreAsync(inputs, cancellationToken);
        }

        public IScoringSession CreateSession() => new PrefixScoringSession(this);
    }

    /// <summary>Counts the squeeze.compression.failures measurements made on this thread's requests.</summary>
    private sealed class FailureCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private int _count;

        public FailureCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Squeeze" && instrument.Name == "squeeze.compression.failures")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, (int)value));
            _listener.Start();
        }

        public int Count => Volatile.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
