namespace Squeeze.Scoring;

/// <summary>An incremental session for models without a key/value cache graph: each append rescores the new text with windows over the recent tokens.</summary>
internal sealed class RescoringSession : IScoringSession
{
    private readonly IRowScorer _scorer;
    private readonly List<int> _history = [];
    private bool _disposed;

    public RescoringSession(IRowScorer scorer) => _scorer = scorer;

    public Task<TokenScores> AppendAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.Run(() => Append(text, cancellationToken), cancellationToken);
    }

    public Task<TokenScores> PeekAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.Run(() => Score(text, commit: false, cancellationToken), cancellationToken);
    }

    /// <summary>Records the text's tokens as history: no forward pass.</summary>
    public Task AppendContextAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        int[] ids = _scorer.Encoder.EncodeIds(text);
        if (ids.Length > 0)
        {
            Commit(ids);
        }

        return Task.CompletedTask;
    }

    public void Dispose() => _disposed = true;

    private TokenScores Append(string text, CancellationToken cancellationToken) => Score(text, commit: true, cancellationToken);

    private TokenScores Score(string text, bool commit, CancellationToken cancellationToken)
    {
        (int[] ids, TextSpan[] spans) = _scorer.Encoder.Encode(text);
        var surprisal = new float[ids.Length];
        if (ids.Length == 0)
        {
            return new TokenScores(text, ids, spans, surprisal);
        }

        StartHistory();
        WindowedScoring.RescoreTail(_scorer, _history, ids, surprisal, cancellationToken);
        if (commit)
        {
            Commit(ids);
        }

        return new TokenScores(text, ids, spans, surprisal);
    }

    private void StartHistory()
    {
        if (_history.Count == 0)
        {
            _history.Add(_scorer.BosTokenId);
        }
    }

    /// <summary>Adds <paramref name="ids"/> to the history, which keeps at least the last window of tokens.</summary>
    private void Commit(int[] ids)
    {
        StartHistory();
        _history.AddRange(ids);
        int window = _scorer.WindowSize;
        if (_history.Count > 2 * window)
        {
            _history.RemoveRange(0, _history.Count - window);
        }
    }
}
