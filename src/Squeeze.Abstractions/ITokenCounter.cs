namespace Squeeze;

/// <summary>
/// Counts tokens with the tokenizer of the target model, the model that will receive the compressed prompt.
/// Every budget in Squeeze is measured with one of these.
/// </summary>
/// <remarks>Implementations must be thread-safe.</remarks>
public interface ITokenCounter
{
    /// <summary>Gets a name for the tokenizer, such as "o200k_base".</summary>
    string Name { get; }

    /// <summary>Counts the tokens of <paramref name="text"/>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The number of tokens.</returns>
    int CountTokens(ReadOnlySpan<char> text);

    /// <summary>Finds how much of <paramref name="text"/> fits in <paramref name="maxTokens"/> tokens.</summary>
    /// <param name="text">The text.</param>
    /// <param name="maxTokens">The most tokens the prefix may have.</param>
    /// <returns>The length in characters of the longest prefix, ending on a token boundary, that has at most <paramref name="maxTokens"/> tokens.</returns>
    int GetPrefixLength(ReadOnlySpan<char> text, int maxTokens);
}
