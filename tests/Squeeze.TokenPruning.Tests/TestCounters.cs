using Microsoft.ML.Tokenizers;

namespace Squeeze.TokenPruning;

internal static class TestCounters
{
    private static readonly Lazy<TokenizerTokenCounter> _o200k = new(() => new TokenizerTokenCounter(TiktokenTokenizer.CreateForEncoding("o200k_base"), "o200k_base"));

    public static ITokenCounter O200k => _o200k.Value;
}
