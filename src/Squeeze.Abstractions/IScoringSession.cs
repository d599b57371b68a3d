namespace Squeeze;

/// <summary>
/// An incremental scoring session over one growing text: what was appended is read once (a scorer may cache it, for example as
/// a key/value cache) and conditions everything scored after it. Not thread-safe: use one session per flow of work.
/// </summary>
public interface IScoringSession : IDisposable
{
    /// <summary>Scores <paramref name="text"/> as the continuation of everything appended so far, then appends it.</summary>
    /// <param name="text">The continuation.</param>
    /// <param name="cancellationToken">A token to cancel scoring.</param>
    /// <returns>The continuation's token scores; spans index <paramref name="text"/>.</returns>
    Task<TokenScores> AppendAsync(string text, CancellationToken cancellationToken = default);

    /// <summary>Scores <paramref name="text"/> as the continuation of everything appended so far, without appending it.</summary>
    /// <param name="text">The candidate continuation.</param>
    /// <param name="cancellationToken">A token to cancel scoring.</param>
    /// <returns>The candidate's token scores; spans index <paramref name="text"/>.</returns>
    Task<TokenScores> PeekAsync(string text, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends <paramref name="text"/> to condition what is scored after it, without returning its scores. A session that keeps
    /// no cache only records the text, so this costs no model call; the default implementation calls <see cref="AppendAsync"/>.
    /// </summary>
    /// <param name="text">The continuation.</param>
    /// <param name="cancellationToken">A token to cancel the append.</param>
    /// <returns>A task that completes once the text is appended.</returns>
    Task AppendContextAsync(string text, CancellationToken cancellationToken = default) => AppendAsync(text, cancellationToken);
}
