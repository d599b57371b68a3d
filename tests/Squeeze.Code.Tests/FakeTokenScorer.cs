namespace Squeeze.Code;

/// <summary>A deterministic scorer: every token costs 5 nats, or 1 nat when the prefix contains <c>cue</c>.</summary>
internal sealed class FakeTokenScorer(string cue) : ITokenScorer
{
    private readonly List<ScoringInput> _inputs = [];
    private int _calls;

    public string Name => "fake";

    public int Calls => _calls;

    public IReadOnlyList<ScoringInput> Inputs
    {
        get
        {
            lock (_inputs)
            {
                return [.. _inputs];
            }
        }
    }

    public Task<IReadOnlyList<TokenScores>> ScoreAsync(IReadOnlyList<ScoringInput> inputs, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        lock (_inputs)
        {
            _inputs.AddRange(inputs);
        }

        var result = new TokenScores[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
        {
            string text = inputs[i].Text;
            bool cued = inputs[i].Prefix?.Contains(cue, StringComparison.Ordinal) == true;
            int count = Math.Max(1, text.Length / 4);
            var spans = new TextSpan[count];
            var surprisal = new float[count];
            for (int t = 0; t < count; t++)
            {
                int start = Math.Min(text.Length, t * 4);
                spans[t] = new TextSpan(start, Math.Min(4, text.Length - start));
                surprisal[t] = cued ? 1f : 5f;
            }

            result[i] = new TokenScores(text, new int[count], spans, surprisal);
        }

        return Task.FromResult<IReadOnlyList<TokenScores>>(result);
    }

    public IScoringSession CreateSession() => new PrefixScoringSession(this);
}
