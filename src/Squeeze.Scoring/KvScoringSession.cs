using System.Buffers;

namespace Squeeze.Scoring;

/// <summary>
/// An incremental session over a graph with a key/value cache. The cache holds every token but the last one seen, which is
/// fed again at the start of the next step so that the first new token gets a score. When the next piece does not fit in
/// <see cref="OnnxTokenScorer.WindowSize"/> positions, the cache is rebuilt from the last <see cref="OnnxTokenScorer.MinLeftContext"/> tokens.
/// </summary>
internal sealed class KvScoringSession : IScoringSession
{
    private readonly OnnxTokenScorer _scorer;
    private readonly ScoringGraph _graph;
    private readonly KvCache _cache;
    private readonly List<int> _history = [];
    private int _cacheStart;
    private bool _disposed;

    public KvScoringSession(OnnxTokenScorer scorer, ScoringGraph graph)
    {
        _scorer = scorer;
        _graph = graph;
        _cache = new KvCache(graph.Layers, graph.KvHeads, graph.HeadDim, scorer.WindowSize);
    }

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
        return Task.Run(() => Peek(text, cancellationToken), cancellationToken);
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _cache.Dispose();
        }
    }

    private TokenScores Append(string text, CancellationToken cancellationToken)
    {
        (int[] ids, TextSpan[] spans) = _scorer.Encoder.Encode(text);
        var surprisal = new float[ids.Length];
        if (ids.Length == 0)
        {
            return new TokenScores(text, ids, spans, surprisal);
        }

        if (_history.Count == 0)
        {
            _history.Add(_scorer.BosTokenId);
        }

        int capacity = _scorer.WindowSize;
        int minContext = _scorer.MinLeftContext;
        int rollback = _history.Count;
        int[] feed = ArrayPool<int>.Shared.Rent(capacity);
        try
        {
            int pos = 0;
            while (pos < ids.Length)
            {
                int n = _history.Count;
                int feedHistory = n - (_cacheStart + _cache.PastLength);
                int room = capacity - _cache.PastLength - feedHistory;
                int remaining = ids.Length - pos;
                if (room < remaining && (_cache.PastLength > 0 || feedHistory > minContext))
                {
                    feedHistory = Math.Min(minContext, n);
                    _cacheStart = n - feedHistory;
                    _cache.PastLength = 0;
                    room = capacity - feedHistory;
                }

                int piece = Math.Min(remaining, room);
                for (int i = 0; i < feedHistory; i++)
                {
                    feed[i] = _history[n - feedHistory + i];
                }

                ids.AsSpan(pos, piece).CopyTo(feed.AsSpan(feedHistory));
                _graph.Step(feed.AsSpan(0, feedHistory + piece), feedHistory, surprisal.AsSpan(pos, piece), _cache, commit: true, cancellationToken);
                for (int i = 0; i < piece; i++)
                {
                    _history.Add(ids[pos + i]);
                }

                pos += piece;
            }

            TrimHistory();
        }
        catch
        {
            // Forget the partly appended text; the next append rebuilds the cache from the last tokens.
            _history.RemoveRange(rollback, _history.Count - rollback);
            _cache.PastLength = 0;
            _cacheStart = Math.Max(0, _history.Count - minContext);
            throw;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(feed);
        }

        return new TokenScores(text, ids, spans, surprisal);
    }

    /// <summary>
    /// Scores <paramref name="text"/> after the history without changing the session: over the cache when the text fits beside it,
    /// else by rescoring the last <see cref="OnnxTokenScorer.WindowSize"/> tokens of history with the text in windows.
    /// </summary>
    private TokenScores Peek(string text, CancellationToken cancellationToken)
    {
        (int[] ids, TextSpan[] spans) = _scorer.Encoder.Encode(text);
        var surprisal = new float[ids.Length];
        if (ids.Length == 0)
        {
            return new TokenScores(text, ids, spans, surprisal);
        }

        if (_history.Count == 0)
        {
            _history.Add(_scorer.BosTokenId);
        }

        int n = _history.Count;
        int feedHistory = n - (_cacheStart + _cache.PastLength);
        if (_cache.PastLength + feedHistory + ids.Length <= _scorer.WindowSize)
        {
            int[] feed = ArrayPool<int>.Shared.Rent(feedHistory + ids.Length);
            try
            {
                _history.CopyTo(n - feedHistory, feed, 0, feedHistory);
                ids.CopyTo(feed, feedHistory);
                _graph.Step(feed.AsSpan(0, feedHistory + ids.Length), feedHistory, surprisal, _cache, commit: false, cancellationToken);
            }
            finally
            {
                ArrayPool<int>.Shared.Return(feed);
            }
        }
        else
        {
            WindowedScoring.RescoreTail(_scorer, _history, ids, surprisal, cancellationToken);
        }

        return new TokenScores(text, ids, spans, surprisal);
    }

    private void TrimHistory()
    {
        int keepFrom = Math.Min(_cacheStart, _history.Count - _scorer.MinLeftContext);
        if (keepFrom > 4 * _scorer.WindowSize)
        {
            _history.RemoveRange(0, keepFrom);
            _cacheStart -= keepFrom;
        }
    }
}
