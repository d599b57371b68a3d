using Squeeze.Extractive;
using Squeeze.Pipeline;
using Squeeze.TokenPruning;

namespace Squeeze.Benchmarks;

/// <summary>The compression methods compared by the speed benchmarks; model-based ones only when the scorer loaded.</summary>
internal static class CompressorFactory
{
    public static IEnumerable<string> Methods()
    {
        yield return "extractive-bm25";
        yield return "tokens-unigram";
        yield return "pipeline-auto";
        if (ModelScorer.IsAvailable)
        {
            yield return "tokens-llmlingua";
            yield return "tokens-longllmlingua";
            yield return "extractive-fused";
        }
    }

    public static bool UsesModel(string method) => method is "tokens-llmlingua" or "tokens-longllmlingua" or "extractive-fused";

    public static ISegmentCompressor Create(string method) => method switch
    {
        "extractive-bm25" => new ExtractiveCompressor(),
        "tokens-unigram" => new UnigramTokenPruner(),
        "pipeline-auto" => new CompressionPipeline(BenchmarkText.Counter, new SqueezeOptions { Method = CompressionMethod.Auto, UseBuiltInModel = false }),
        "tokens-llmlingua" => new LlmLinguaCompressor(Scorer()),
        "tokens-longllmlingua" => new LongLlmLinguaCompressor(Scorer()),
        "extractive-fused" => new ExtractiveCompressor(Scorer(), null),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown method."),
    };

    private static ITokenScorer Scorer() => ModelScorer.Instance ?? throw new InvalidOperationException("The squeeze-mini scorer is not available.");
}
