namespace Squeeze;

/// <summary>What a compression did: tokens before and after, per segment and in total, and the time it took.</summary>
public sealed class CompressionReport
{
    /// <summary>Initializes a new report.</summary>
    /// <param name="segments">Per-segment results.</param>
    /// <param name="tokenizer">The name of the target tokenizer that counted the tokens.</param>
    /// <param name="budget">The resolved token budget.</param>
    /// <param name="tokensBefore">Target tokens of the whole input.</param>
    /// <param name="tokensAfter">Target tokens of the whole output.</param>
    /// <param name="elapsed">Time spent compressing.</param>
    public CompressionReport(IReadOnlyList<SegmentReport> segments, string tokenizer, int budget, int tokensBefore, int tokensAfter, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(tokenizer);
        Segments = segments;
        Tokenizer = tokenizer;
        Budget = budget;
        TokensBefore = tokensBefore;
        TokensAfter = tokensAfter;
        Elapsed = elapsed;
    }

    /// <summary>Gets the per-segment results, in input order.</summary>
    public IReadOnlyList<SegmentReport> Segments { get; }

    /// <summary>Gets the name of the target tokenizer that counted the tokens.</summary>
    public string Tokenizer { get; }

    /// <summary>Gets the resolved token budget.</summary>
    public int Budget { get; }

    /// <summary>Gets the target tokens of the whole input.</summary>
    public int TokensBefore { get; }

    /// <summary>Gets the target tokens of the whole output.</summary>
    public int TokensAfter { get; }

    /// <summary>Gets the compression ratio, tokens before over tokens after (1 when nothing was removed).</summary>
    public double Ratio => TokensAfter == 0 ? (TokensBefore == 0 ? 1 : double.PositiveInfinity) : (double)TokensBefore / TokensAfter;

    /// <summary>Gets the time spent compressing.</summary>
    public TimeSpan Elapsed { get; }
}
