namespace Squeeze;

/// <summary>
/// An <see cref="IScoringSession"/> for scorers without a cache: every call scores the new text through
/// <see cref="ITokenScorer.ScoreAsync"/> with the text appended so far as its <see cref="ScoringInput.Prefix"/>.
/// Scorers can return it from <see cref="ITokenScorer.CreateSession"/>.
/// </summary>
/// <remarks>The prefix keeps the last <see cref="MaxPrefixLength"/> characters appended (never splitting a surrogate pair). Not thread-safe.</remarks>
public sealed class PrefixScoringSession : IScoringSession
{
    private readonly ITokenScorer _scorer;
    private string _prefix = string.Empty;
    private bool _disposed;

    /// <summary>Initializes a new session over <paramref name="scorer"/>.</summary>
    /// <param name="scorer">The scorer that scores each call.</param>
    /// <param name="maxPrefixLength">The most characters of appended text kept as the prefix; the default is 16,384.</param>
    public PrefixScoringSession(ITokenScorer scorer, int maxPrefixLength = 16_384)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentOutOfRangeException.ThrowIfNegative(maxPrefixLength);
        _scorer = scorer;
        MaxPrefixLength = maxPrefixLength;
    }

    /// <summary>Gets the most characters of appended text kept as the prefix.</summary>
    public int MaxPrefixLength { get; }

    /// <inheritdoc />
    public async Task<TokenScores> AppendAsync(string text, CancellationToken cancellationToken = default)
    {
        TokenScores scores = await PeekAsync(text, cancellationToken).ConfigureAwait(false);
        Record(text);
        return scores;
    }

    /// <inheritdoc />
    /// <remarks>Only extends the prefix: no scorer call.</remarks>
    public Task AppendContextAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        Record(text);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<TokenScores> PeekAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ObjectDisposedException.ThrowIf(_disposed, this);
        IReadOnlyList<TokenScores> scores = await _scorer.ScoreAsync([new ScoringInput(text, _prefix.Length == 0 ? null : _prefix)], cancellationToken).ConfigureAwait(false);
        return scores[0];
    }

    /// <inheritdoc />
    public void Dispose() => _disposed = true;

    private void Record(string text)
    {
        string all = _prefix + text;
        int cut = Math.Max(0, all.Length - MaxPrefixLength);
        if (cut > 0 && cut < all.Length && char.IsLowSurrogate(all[cut]))
        {
            cut++;
        }

        _prefix = all[cut..];
    }
}
