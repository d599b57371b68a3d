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
    [InlineData(FaultyScorer.Fault.Throws, "scorer exploded")]
    [InlineData(FaultyScorer.Fault.HangsHonouringCancellation, "timed out")]
    [InlineData(FaultyScorer.Fault.HangsIgnoringCancellation, "timed out")]
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
