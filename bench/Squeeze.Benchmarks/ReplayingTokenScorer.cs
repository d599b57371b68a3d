using System.Collections.Concurrent;

namespace Squeeze.Benchmarks;

/// <summary>
/// Records what a scorer returned for each call and replays it: with the recording done once, a compressor driven by the
/// replay spends no time scoring, so its time is the time of selecting. Session calls are keyed by the texts appended so far.
/// </summary>
internal sealed class ReplayingTokenScorer(ITokenScorer inner) : ITokenScorer
{
    private readonly ConcurrentDictionary<string, TokenScores> _recorded = new(StringComparer.Ordinal);
    private readonly ITokenScorer _inner = inner;

    /// <summary>When true, calls go to the inner scorer and are recorded; when false, only recorded answers are served.</summary>
    public bool Recording { get; set; } = true;

    public string Name => _inner.Name;

    public async Task<IReadOnlyList<TokenScores>> ScoreAsync(IReadOnlyList<ScoringInput> inputs, CancellationToken cancellationToken = default)
    {
        var results = new TokenScores[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
        {
            string key = "score\u0000" + inputs[i].Prefix + "\u0000" + inputs[i].Text;
            results[i] = await GetAsync(key, async () => (await _inner.ScoreAsync([inputs[i]], cancellationToken))[0]);
        }

        return results;
    }

    public IScoringSession CreateSession() => new ReplayingSession(this);

    private async Task<TokenScores> GetAsync(string key, Func<Task<TokenScores>> score)
    {
        if (!Recording)
        {
            return _recorded.TryGetValue(key, out TokenScores? recorded)
                ? recorded
                : throw new InvalidOperationException("The replay met a call that was not recorded: the compressor is not deterministic.");
        }

        TokenScores scores = await score();
        _recorded[key] = scores;
        return scores;
    }

    private sealed class ReplayingSession(ReplayingTokenScorer owner) : IScoringSession
    {
        private readonly List<string> _appended = [];
        private readonly IScoringSession? _inner = owner.Recording ? owner._inner.CreateSession() : null;

        public async Task<TokenScores> AppendAsync(string text, CancellationToken cancellationToken = default)
        {
            TokenScores scores = await owner.GetAsync(Key("append", text), () => _inner!.AppendAsync(text, cancellationToken));
            _appended.Add(text);
            return scores;
        }

        public async Task AppendContextAsync(string text, CancellationToken cancellationToken = default)
        {
            if (_inner is not null)
            {
                await _inner.AppendContextAsync(text, cancellationToken);
            }

            _appended.Add(text);
        }

        public Task<TokenScores> PeekAsync(string text, CancellationToken cancellationToken = default) =>
            owner.GetAsync(Key("peek", text), () => _inner!.PeekAsync(text, cancellationToken));

        public void Dispose() => _inner?.Dispose();

        private string Key(string kind, string text) => kind + "\u0000" + string.Join("\u0001", _appended) + "\u0000" + text;
    }
}
