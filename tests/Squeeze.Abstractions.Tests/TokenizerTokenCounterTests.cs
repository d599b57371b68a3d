using Microsoft.ML.Tokenizers;

namespace Squeeze;

public sealed class TokenizerTokenCounterTests
{
    private static readonly TokenizerTokenCounter _counter = new(TiktokenTokenizer.CreateForEncoding("o200k_base"), "o200k_base");

    [Theory]
    [InlineData("Hello, world! How are you today?", 4)]
    [InlineData("a😀b c 東京 x", 3)]
    public void GetPrefixLength_ReturnsPrefixWithinBudget(string text, int maxTokens)
    {
        int length = _counter.GetPrefixLength(text, maxTokens);
        Assert.InRange(length, 1, text.Length - 1);
        Assert.True(_counter.CountTokens(text.AsSpan(0, length)) <= maxTokens);
        Assert.True(_counter.CountTokens(text.AsSpan(0, length)) >= 1);
    }

    [Fact]
    public void Counts_EmptyAsZero()
    {
        Assert.Equal(0, _counter.CountTokens(string.Empty));
        Assert.Equal(0, _counter.GetPrefixLength("abc", 0));
    }
}
