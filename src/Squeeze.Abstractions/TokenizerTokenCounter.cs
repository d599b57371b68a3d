using Microsoft.ML.Tokenizers;

namespace Squeeze;

/// <summary>An <see cref="ITokenCounter"/> over any <see cref="Microsoft.ML.Tokenizers.Tokenizer"/>.</summary>
public sealed class TokenizerTokenCounter : ITokenCounter
{
    /// <summary>Initializes a new counter.</summary>
    /// <param name="tokenizer">The target model's tokenizer.</param>
    /// <param name="name">A name for the tokenizer, shown in reports.</param>
    public TokenizerTokenCounter(Tokenizer tokenizer, string name)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Tokenizer = tokenizer;
        Name = name;
    }

    /// <summary>Gets the wrapped tokenizer.</summary>
    public Tokenizer Tokenizer { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public int CountTokens(ReadOnlySpan<char> text) => text.IsEmpty ? 0 : Tokenizer.CountTokens(text);

    /// <inheritdoc />
    public int GetPrefixLength(ReadOnlySpan<char> text, int maxTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxTokens);
        if (text.IsEmpty || maxTokens == 0)
        {
            return 0;
        }

        int index = Tokenizer.GetIndexByTokenCount(text, maxTokens, out string? normalized, out _);
        if (normalized is not null)
        {
            throw new NotSupportedException(
                $"The tokenizer '{Name}' normalizes its input, so its token boundaries cannot be mapped back to the original text. Use a tokenizer without a normalizer as the target counter.");
        }

        return index;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
