namespace Squeeze;

/// <summary>A scorer that misbehaves on purpose: throws, hangs, returns NaN/∞, returns the wrong shape, or runs out of memory.</summary>
public sealed class FaultyScorer(FaultyScorer.Fault fault) : ITokenScorer
{
    public enum Fault
    {
        None,
        Throws,
        HangsHonouringCancellation,
        HangsIgnoringCancellation,
        NaN,
        Infinity,
        WrongLength,
        OutOfMemory,
    }

    public string Name => "faulty-" + fault;

    public int Calls;

    public async Task<IReadOnlyList<TokenScores>> ScoreAsync(IReadOnlyList<ScoringInput> inputs, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Calls);
        switch (fault)
        {
            case Fault.Throws:
                throw new InvalidOperationException("scorer exploded");
            case Fault.OutOfMemory:
                throw new OutOfMemoryException("scorer ran out of memory");
            case Fault.HangsHonouringCancellation:
                await Task.Delay(Timeout.Infinite, cancellationToken);
                break;
            case Fault.HangsIgnoringCancellation:
                Thread.Sleep(1_500);
                break;
        }

        var results = new TokenScores[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
        {
            string text = inputs[i].Text;
            var spans = new List<TextSpan>();
            int start = 0;
            for (int c = 0; c <= text.Length; c++)
            {
                if (c == text.Length || text[c] == ' ')
                {
                    if (c > start)
                    {
                        spans.Add(new TextSpan(start, c - start));
                    }

                    start = c;
                }
            }

            int count = fault == Fault.WrongLength ? spans.Count + 3 : spans.Count;
            var surprisal = new float[count];
            var ids = new int[count];
            var allSpans = new TextSpan[count];
            for (int t = 0; t < count; t++)
            {
                allSpans[t] = t < spans.Count ? spans[t] : new TextSpan(text.Length + t, 5);
                surprisal[t] = fault switch
                {
                    Fault.NaN => float.NaN,
                    Fault.Infinity => t % 2 == 0 ? float.PositiveInfinity : float.NegativeInfinity,
                    _ => (text.GetHashCode(StringComparison.Ordinal) ^ t) % 7,
                };
            }

            results[i] = new TokenScores(text, ids, allSpans, surprisal);
        }

        return results;
    }

    public IScoringSession CreateSession() => new PrefixScoringSession(this);
}
