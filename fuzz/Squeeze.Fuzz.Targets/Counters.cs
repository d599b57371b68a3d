using Microsoft.ML.Tokenizers;

namespace Squeeze.Fuzz;

/// <summary>The target-model token counter the targets use.</summary>
internal static class Counters
{
    private static readonly Lazy<ITokenCounter> _o200k = new(
        () => new TokenizerTokenCounter(TiktokenTokenizer.CreateForEncoding("o200k_base"), "o200k_base"),
        LazyThreadSafetyMode.ExecutionAndPublication);

    public static ITokenCounter O200k => _o200k.Value;
}
