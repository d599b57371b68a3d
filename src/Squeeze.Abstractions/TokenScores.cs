namespace Squeeze;

/// <summary>
/// Per-token surprisal of a text under a scoring language model: token <c>i</c> covers
/// <see cref="Spans"/>[i] of the scored text and has surprisal <see cref="Surprisal"/>[i] = -ln p(token | everything before it), in nats.
/// </summary>
public sealed class TokenScores
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="text">The scored text.</param>
    /// <param name="tokenIds">The scorer's token ids.</param>
    /// <param name="spans">Each token's characters in <paramref name="text"/>.</param>
    /// <param name="surprisal">Each token's surprisal in nats.</param>
    /// <exception cref="ArgumentException">The three arrays differ in length.</exception>
    public TokenScores(string text, int[] tokenIds, TextSpan[] spans, float[] surprisal)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(tokenIds);
        ArgumentNullException.ThrowIfNull(spans);
        ArgumentNullException.ThrowIfNull(surprisal);
        if (tokenIds.Length != spans.Length || tokenIds.Length != surprisal.Length)
        {
            throw new ArgumentException($"Token ids ({tokenIds.Length}), spans ({spans.Length}) and surprisal ({surprisal.Length}) must have the same length.");
        }

        Text = text;
        TokenIds = tokenIds;
        Spans = spans;
        Surprisal = surprisal;
    }

    /// <summary>Gets the scored text.</summary>
    public string Text { get; }

    /// <summary>Gets the scorer's token ids.</summary>
    public ReadOnlyMemory<int> TokenIds { get; }

    /// <summary>Gets each token's characters in <see cref="Text"/>. Several tokens may share a span when a character's bytes are split across tokens.</summary>
    public ReadOnlyMemory<TextSpan> Spans { get; }

    /// <summary>Gets each token's surprisal, -ln p, in nats.</summary>
    public ReadOnlyMemory<float> Surprisal { get; }

    /// <summary>Gets the number of tokens.</summary>
    public int Count => TokenIds.Length;
}
