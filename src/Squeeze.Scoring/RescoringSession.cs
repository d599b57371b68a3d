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

    /// <summary>
    /// Peeks at <paramref name="text"/> after each session's history in one batch of rows when every session is a rescoring session
    /// of <paramref name="scorer"/>; otherwise peeks at each in turn.
    /// </summary>
    public static Task<IReadOnlyList<TokenScores>> PeekAllAsync(IRowScorer scorer, IReadOnlyList<IScoringSession> sessions, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(text);
        var own = new RescoringSession[sessions.Count];
        for (int i = 0; i < sessions.Count; i++)
        {
            if (sessions[i] is not RescoringSession session || session._scorer != scorer)
            {
                return PeekEachAsync(sessions, text, cancellationToken);
            }

            ObjectDisposedException.ThrowIf(session._disposed, session);
            own[i] = session;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Task.Run<IReadOnlyList<TokenScores>>(() => PeekAll(scorer, own, text, cancellationToken), cancellationToken);
    }

    private static TokenScores[] PeekAll(IRowScorer scorer, RescoringSession[] sessions, string text, CancellationToken cancellationToken)
    {
        (int[] ids, TextSpan[] spans) = scorer.Encoder.Encode(text);
        var results = new TokenScores[sessions.Length];
        var rows = new List<ScoreRow>();
        for (int i = 0; i < sessions.Length; i++)
        {
            var surprisal = new float[ids.Length];
            if (ids.Length > 0)
            {
                sessions[i].StartHistory();
                WindowedScoring.AddTailRows(scorer, sessions[i]._history, ids, surprisal, rows);
            }

            results[i] = new TokenScores(text, ids, spans, surprisal);
        }

        if (rows.Count > 0)
        {
            scorer.RunRows(rows, cancellationToken);
        }

        return results;
    }

    private static async Task<IReadOnlyList<TokenScores>> PeekEachAsync(IReadOnlyList<IScoringSession> sessions, string text, CancellationToken cancellationToken)
    {
        var results = new TokenScores[sessions.Count];
        for (int i = 0; i < sessions.Count; i++)
        {
            results[i] = await sessions[i].PeekAsync(text, cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

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
