using BenchmarkDotNet.Attributes;
using Squeeze.TokenPruning;

namespace Squeeze.Benchmarks;

/// <summary>
/// LLMLingua and LongLLMLingua at 4x on a 10k-token prompt with the built-in model (ONNX on the CPU, and the GPU scorer when a CUDA
/// device is present), and the same compressions with the ONNX model's answers replayed from a recording: the difference is the
/// time spent scoring, the replay the time spent selecting.
/// </summary>
[MemoryDiagnoser]
public class TokenPruningBenchmarks
{
    private ISegmentCompressor _compressor = null!;
    private SegmentCompressionRequest _request = null!;

    /// <summary><c>llmlingua</c> or <c>longllmlingua</c>.</summary>
    [Params("llmlingua", "longllmlingua")]
    public string Method { get; set; } = "llmlingua";

    /// <summary><c>model</c>: the ONNX scorer runs; <c>replay</c>: its recorded answers are served (selection only); <c>gpu</c>: the GPU scorer runs.</summary>
    [ParamsSource(nameof(ScoreSources))]
    public string Scores { get; set; } = "model";

    public static IEnumerable<string> ScoreSources()
    {
        if (ModelScorer.IsAvailable)
        {
            yield return "model";
            yield return "replay";
        }

        if (GpuScorer.IsAvailable)
        {
            yield return "gpu";
        }
    }

    [GlobalSetup]
    public async Task Setup()
    {
        string text = BenchmarkText.OfTokens(10_000);
        _request = new SegmentCompressionRequest(text, BenchmarkText.Counter.CountTokens(text) / 4, BenchmarkText.Counter) { Query = BenchmarkText.Question };
        if (Scores == "gpu")
        {
            _compressor = Create(GpuScorer.Instance ?? throw new InvalidOperationException("No CUDA device: the gpu rows need one."));
            return;
        }

        ITokenScorer model = ModelScorer.Instance ?? throw new InvalidOperationException("models/squeeze-mini/surprisal.onnx is missing; this benchmark needs the model.");
        if (Scores == "model")
        {
            _compressor = Create(model);
            return;
        }

        var replay = new ReplayingTokenScorer(model);
        _compressor = Create(replay);
        _ = await _compressor.CompressAsync(_request);
        replay.Recording = false;
    }

    [Benchmark(Description = "compress-10k-4x")]
    public Task<CompressedText> Compress() => _compressor.CompressAsync(_request);

    private ISegmentCompressor Create(ITokenScorer scorer) =>
        Method == "llmlingua" ? new LlmLinguaCompressor(scorer) : new LongLlmLinguaCompressor(scorer);
}
