namespace Squeeze.Pipeline;

/// <summary>
/// Wraps a scorer and rejects output that breaks the <see cref="ITokenScorer"/> contract (wrong count, spans outside the text or
/// out of order, NaN or infinite surprisal) with a <see cref="SqueezeException"/>, so that a faulty scorer fails the request
/// (open or closed) instead of silently steering compression.
/// </summary>
internal sealed class ValidatingTokenScorer(ITokenScorer inner) : ITokenScorer
{
    public string Name => inner.Name;

    public async Task<IReadOnlyList<TokenScores>> ScoreAsync(IReadOnlyList<ScoringInput> inputs, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<TokenScores> results = await inner.ScoreAsync(inputs, cancellationToken).ConfigureAwait(false);
        if (results is null || results.Count != inputs.Count)
        {
            throw new SqueezeException($"Scorer '{inner.Name}' returned {results?.Count ?? 0} results for {inputs.Count} inputs.");
        }

        for (int i = 0; i < results.Count; i++)
        {
            Validate(results[i], inputs[i].Text, inner.Name);
        }

        return results;
    }

    public IScoringSession CreateSession() => new ValidatingSession(inner.CreateSession(), inner.Name);

    public async Task<IReadOnlyList<TokenScores>> PeekAsync(IReadOnlyList<IScoringSession> sessions, string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var unwrapped = new IScoringSession[sessions.Count];
        for (int i = 0; i < sessions.Count; i++)
        {
            unwrapped[i] = sessions[i] is ValidatingSession validating ? validating.Inner : sessions[i];
        }

        IReadOnlyList<TokenScores> results = await inner.PeekAsync(unwrapped, text, cancellationToken).ConfigureAwait(false);
        if (results is null || results.Count != sessions.Count)
        {
            throw new SqueezeException($"Scorer '{inner.Name}' returned {results?.Count ?? 0} results for {sessions.Count} sessions.");
        }

        foreach (TokenScores scores in results)
        {
            Validate(scores, text, inner.Name);
        }

        return results;
    }

    internal static void Validate(TokenScores scores, string text, string scorer = "")
    {
        if (scores is null || !string.Equals(scores.Text, text, StringComparison.Ordinal))
        {
            throw new SqueezeException($"Scorer '{scorer}' returned scores for a different text.");
        }

        ReadOnlySpan<TextSpan> spans = scores.Spans.Span;
        ReadOnlySpan<float> surprisal = scores.Surprisal.Span;
        int previousStart = 0;
        for (int t = 0; t < spans.Length; t++)
        {
            TextSpan span = spans[t];
            if (span.Start < previousStart || span.Length < 0 || span.End > text.Length)
            {
                throw new SqueezeException($"Scorer '{scorer}' returned token {t} with span {span} outside or out of order in a text of {text.Length} characters.");
            }

            if (!float.IsFinite(surprisal[t]))
            {
                throw new SqueezeException($"Scorer '{scorer}' returned a non-finite surprisal ({surprisal[t]}) for token {t}.");
            }

            previousStart = span.Start;
        }
    }

    private sealed class ValidatingSession(IScoringSession session, string name) : IScoringSession
    {
        public IScoringSession Inner => session;

        public async Task<TokenScores> AppendAsync(string text, CancellationToken cancellationToken = default)
        {
            TokenScores scores = await session.AppendAsync(text, cancellationToken).ConfigureAwait(false);
            Validate(scores, text, name);
            return scores;
        }

        public async Task<TokenScores> PeekAsync(string text, CancellationToken cancellationToken = default)
        {
            TokenScores scores = await session.PeekAsync(text, cancellationToken).ConfigureAwait(false);
            Validate(scores, text, name);
            return scores;
        }

        public Task AppendContextAsync(string text, CancellationToken cancellationToken = default) => session.AppendContextAsync(text, cancellationToken);

        public void Dispose() => session.Dispose();
    }
}
