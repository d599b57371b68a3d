namespace Squeeze.TokenPruning;

/// <summary>
/// A deterministic, prefix-dependent scorer: every word unit of the text is one token whose surprisal is 1 + its word's length
/// (longer words are "rarer"), divided by 10 when the word occurs in the prefix (what was read before is predictable).
/// Records every input it scores.
/// </summary>
internal sealed class FakeTokenScorer : ITokenScorer
{
    private readonly Lock _lock = new();
    private readonly List<ScoringInput> _calls = [];

    public string Name => "fake";

    public IReadOnlyList<ScoringInput> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    public Task<IReadOnlyList<TokenScores>> ScoreAsync(IReadOnlyList<ScoringInput> inputs, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var results = new List<TokenScores>(inputs.Count);
        foreach (ScoringInput input in inputs)
        {
            lock (_lock)
            {
                _calls.Add(input);
            }

            results.Add(Score(input.Text, input.Prefix ?? string.Empty));
        }

        return Task.FromResult<IReadOnlyList<TokenScores>>(results);
    }

    public IScoringSession CreateSession() => new PrefixScoringSession(this);

    public static float Surprisal(string word, string prefix) =>
        word.Length == 0 ? 0.5f : (1 + word.Length) * (prefix.Contains(word, StringComparison.OrdinalIgnoreCase) ? 0.1f : 1f);

    private static TokenScores Score(string text, string prefix)
    {
        var units = new List<WordUnit>();
        WordUnitSplitter.Split(text, 0, text.Length, units);
        int[] ids = new int[units.Count];
        var spans = new TextSpan[units.Count];
        float[] surprisal = new float[units.Count];
        for (int i = 0; i < units.Count; i++)
        {
            string word = text.Substring(units[i].CoreStart, units[i].CoreLength);
            ids[i] = word.Length;
            spans[i] = units[i].Span;
            surprisal[i] = Surprisal(word, prefix);
        }

        return new TokenScores(text, ids, spans, surprisal);
    }
}
