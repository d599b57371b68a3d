using Squeeze.Extractive;
using Squeeze.Pipeline;
using Squeeze.TokenPruning;

namespace Squeeze.Benchmarks;

/// <summary>
/// The compression methods compared by the speed benchmarks; model-based ones only when the ONNX scorer loaded, and again with the
/// GPU scorer (suffix "-gpu") when a CUDA device is present.
/// </summary>
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

        if (GpuScorer.IsAvailable)
        {
            yield return "tokens-llmlingua-gpu";
            yield return "tokens-longllmlingua-gpu";
            yield return "extractive-fused-gpu";
        }
    }

    /// <summary>Whether the method runs the model on the CPU (too slow for the 100k-token rows).</summary>
    public static bool UsesCpuModel(string method) => method is "tokens-llmlingua" or "tokens-longllmlingua" or "extractive-fused";

    public static ISegmentCompressor Create(string method) => method switch
    {
        "extractive-bm25" => new ExtractiveCompressor(),
        "tokens-unigram" => new UnigramTokenPruner(),
        "pipeline-auto" => new CompressionPipeline(BenchmarkText.Counter, new SqueezeOptions { Method = CompressionMethod.Auto, UseBuiltInModel = false }),
        "tokens-llmlingua" => new LlmLinguaCompressor(Scorer()),
        "tokens-longllmlingua" => new LongLlmLinguaCompressor(Scorer()),
        "extractive-fused" => new ExtractiveCompressor(Scorer(), null),
        "tokens-llmlingua-gpu" => new LlmLinguaCompressor(Gpu()),
        "tokens-longllmlingua-gpu" => new LongLlmLinguaCompressor(Gpu()),
        "extractive-fused-gpu" => new ExtractiveCompressor(Gpu(), null),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown method."),
    };

    private static ITokenScorer Gpu() => GpuScorer.Instance ?? throw new InvalidOperationException("No CUDA device: the -gpu methods need one.");

    private static ITokenScorer Scorer() => ModelScorer.Instance ?? throw new InvalidOperationException("The squeeze-mini scorer is not available.");
}
