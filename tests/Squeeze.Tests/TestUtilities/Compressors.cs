using Squeeze.Code;
using Squeeze.Extractive;
using Squeeze.TokenPruning;

namespace Squeeze;

/// <summary>Every compression method by name, the model-based ones driven by a deterministic fake scorer.</summary>
internal static class Compressors
{
    public static readonly string[] Names =
        ["extractive-bm25", "extractive-surprisal", "tokens-unigram", "tokens-llmlingua", "tokens-longllmlingua", "code-bm25", "code-scorer"];

    public static bool IsCode(string method) => method.StartsWith("code", StringComparison.Ordinal);

    public static ISegmentCompressor Create(string method)
    {
        var scorer = new FaultyScorer(FaultyScorer.Fault.None);
        return method switch
        {
            "extractive-bm25" => new ExtractiveCompressor(),
            "extractive-surprisal" => new ExtractiveCompressor(scorer, null),
            "tokens-unigram" => new UnigramTokenPruner(),
            "tokens-llmlingua" => new LlmLinguaCompressor(scorer),
            "tokens-longllmlingua" => new LongLlmLinguaCompressor(scorer),
            "code-bm25" => new CodeCompressor(),
            "code-scorer" => new CodeCompressor(scorer),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown method."),
        };
    }
}
