namespace Squeeze;

/// <summary>
/// An incremental scoring session over one growing text. Not thread-safe: use one session per flow of work.
/// </summary>
public interface IScoringSession : IDisposable
{
    /// <summary>Scores <paramref name="text"/> as the continuation of everything appended so far, then appends it.</summary>
    /// <param name="text">The continuation.</param>
    /// <param name="cancellationToken">A token to cancel scoring.</param>
    /// <returns>The continuation's token scores; spans index <paramref name="text"/>.</returns>
    Task<TokenScores> AppendAsync(string text, CancellationToken cancellationToken = default);
}
