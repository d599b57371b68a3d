namespace Squeeze;

/// <summary>What an <see cref="ISegmentCompressor"/> is asked to do: fit one text into a token budget, keeping what the query needs.</summary>
public sealed class SegmentCompressionRequest
{
    /// <summary>Initializes a new request.</summary>
    /// <param name="text">The text to compress.</param>
    /// <param name="tokenBudget">The most tokens the result may have, counted with <paramref name="counter"/>.</param>
    /// <param name="counter">The target model's token counter.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tokenBudget"/> is negative.</exception>
    public SegmentCompressionRequest(string text, int tokenBudget, ITokenCounter counter)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(counter);
        ArgumentOutOfRangeException.ThrowIfNegative(tokenBudget);
        Text = text;
        TokenBudget = tokenBudget;
        Counter = counter;
    }

    /// <summary>Gets the text to compress.</summary>
    public string Text { get; }

    /// <summary>Gets the most tokens the result may have.</summary>
    public int TokenBudget { get; }

    /// <summary>Gets the target model's token counter.</summary>
    public ITokenCounter Counter { get; }

    /// <summary>Gets or sets the question or instruction the kept text must serve; <see langword="null"/> for query-less compression.</summary>
    public string? Query { get; init; }

    /// <summary>Gets or sets what the text is.</summary>
    /// <value>The default is <see cref="SegmentKind.Document"/>.</value>
    public SegmentKind Kind { get; init; } = SegmentKind.Document;

    /// <summary>Gets or sets the programming language of code (a file extension or fence tag), if known.</summary>
    public string? Language { get; init; }
}
