using BenchmarkDotNet.Attributes;
using Microsoft.ML.Tokenizers;
using Squeeze.Scoring;
using Squeeze.Scoring.Gpu;

namespace Squeeze.Benchmarks;

/// <summary>
/// squeeze-mini scorer throughput (tokens/s = Tokens / Mean) and allocations: ONNX Runtime on the CPU with its default intra-op
/// threads (one per core) and with one, when the ONNX model exists, and the GPU scorer when a CUDA device is present.
/// </summary>
[MemoryDiagnoser]
public class ScorerBenchmarks
{
    private ITokenScorer? _scorer;
    private OnnxTokenScorer? _owned;
    private ScoringInput[] _input = [];

    /// <summary>Input length in tokens of the model's own tokenizer.</summary>
    [Params(1_024, 4_096, 16_384, 65_536)]
    public int Tokens { get; set; }

    /// <summary><c>onnx</c> (ONNX Runtime's default threads), <c>onnx-1thread</c> or <c>gpu</c>.</summary>
    [ParamsSource(nameof(Scorers))]
    public string Scorer { get; set; } = "onnx";

    public static IEnumerable<string> Scorers()
    {
        if (ModelScorer.IsAvailable)
        {
            yield return "onnx";
            yield return "onnx-1thread";
        }

        if (GpuScorer.IsAvailable)
        {
            yield return "gpu";
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        Tokenizer tokenizer;
        if (Scorer == "gpu")
        {
            GpuTokenScorer gpu = GpuScorer.Instance ?? throw new InvalidOperationException("No CUDA device: the gpu rows need one.");
            (_scorer, tokenizer) = (gpu, gpu.Tokenizer);
        }
        else
        {
            _ = ModelScorer.Instance ?? throw new InvalidOperationException("models/squeeze-mini/surprisal.onnx is missing; the onnx rows need the model.");
            _owned = OnnxTokenScorer.Load(ModelScorer.Directory, new OnnxScorerOptions { IntraOpNumThreads = Scorer == "onnx-1thread" ? 1 : 0 });
            (_scorer, tokenizer) = (_owned, _owned.Tokenizer);
        }

        string text = BenchmarkText.OfTokens(Tokens * 2);
        int end = tokenizer.GetIndexByTokenCount(text, Tokens, out _, out _);
        _input = [new ScoringInput(text[..end])];
    }

    [GlobalCleanup]
    public void Cleanup() => _owned?.Dispose();

    [Benchmark(Description = "score")]
    public Task<IReadOnlyList<TokenScores>> Score() => _scorer!.ScoreAsync(_input);
}
