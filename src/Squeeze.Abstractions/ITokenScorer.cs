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
}
