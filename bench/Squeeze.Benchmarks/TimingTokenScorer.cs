using System.Diagnostics;

namespace Squeeze.Benchmarks;

/// <summary>Wraps a scorer and adds up the time spent inside it (ScoreAsync and session appends).</summary>
internal sealed class TimingTokenScorer(ITokenScorer inner) : ITokenScorer
{
    private long _ticks;

    public string Name => inner.Name;

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks));

    public void Reset() => Interlocked.Exchange(ref _ticks, 0);

    public async Task<IReadOnlyList<TokenScores>> ScoreAsync(IReadOnlyList<ScoringInput> inputs, CancellationToken cancellationToken = default)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            return await inner.ScoreAsync(inputs, cancellationToken);
        }
        finally
        {
            Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - start);
        }
    }

    public IScoringSession CreateSession() => new TimingSession(inner.CreateSession(), this);

    private sealed class TimingSession(IScoringSession session, TimingTokenScorer owner) : IScoringSession
    {
        public async Task<TokenScores> AppendAsync(string text, CancellationToken cancellationToken = default)
        {
            long start = Stopwatch.GetTimestamp();
            try
            {
                return await session.AppendAsync(text, cancellationToken);
            }
            finally
            {
                Interlocked.Add(ref owner._ticks, Stopwatch.GetTimestamp() - start);
            }
        }

        public async Task<TokenScores> PeekAsync(string text, CancellationToken cancellationToken = default)
        {
            long start = Stopwatch.GetTimestamp();
            try
            {
                return await session.PeekAsync(text, cancellationToken);
            }
            finally
            {
                Interlocked.Add(ref owner._ticks, Stopwatch.GetTimestamp() - start);
            }
        }

        public void Dispose() => session.Dispose();
    }
}
