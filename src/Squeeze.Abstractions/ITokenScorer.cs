namespace Squeeze;

/// <summary>
/// Scores text with a small causal language model: the surprisal of every token given the tokens before it.
/// Drives the model-based compression methods.
/// </summary>
/// <remarks>Implementations must be thread-safe: one scorer is shared by concurrent requests.</remarks>
public interface ITokenScorer
{
    /// <summary>Gets a name for the scorer and its model, shown in reports.</summary>
    string Name { get; }

    /// <summary>Scores a batch of texts, each optionally conditioned on its own prefix.</summary>
    /// <param name="inputs">The texts to score.</param>
    /// <param name="cancellationToken">A token to cancel scoring.</param>
    /// <returns>One <see cref="TokenScores"/> per input, in order, covering the input's <see cref="ScoringInput.Text"/> only.</returns>
    Task<IReadOnlyList<TokenScores>> ScoreAsync(IReadOnlyList<ScoringInput> inputs, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts an incremental session: text appended to it is scored given everything appended before,
    /// without recomputing that prefix when the scorer can cache it.
    /// </summary>
    /// <returns>A new session; dispose it to release its cache.</returns>
    IScoringSession CreateSession();

    /// <summary>
    /// Scores <paramref name="text"/> as the continuation of each session's appended text, without appending it: what
    /// <see cref="IScoringSession.PeekAsync"/> on each session gives. Scorers whose sessions keep no cache can score them all in one
    /// batch; the default implementation peeks at each session in turn.
    /// </summary>
    /// <param name="sessions">Sessions this scorer created.</param>
    /// <param name="text">The candidate continuation.</param>
    /// <param name="cancellationToken">A token to cancel scoring.</param>
    /// <returns>One <see cref="TokenScores"/> per session, in order; spans index <paramref name="text"/>.</returns>
    async Task<IReadOnlyList<TokenScores>> PeekAsync(IReadOnlyList<IScoringSession> sessions, string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var results = new TokenScores[sessions.Count];
        for (int i = 0; i < sessions.Count; i++)
        {
            results[i] = await sessions[i].PeekAsync(text, cancellationToken).ConfigureAwait(false);
        }

        return results;
    }
}
