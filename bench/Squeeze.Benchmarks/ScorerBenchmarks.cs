using BenchmarkDotNet.Attributes;
using Squeeze.Scoring;

namespace Squeeze.Benchmarks;

/// <summary>
/// squeeze-mini scorer throughput (tokens/s = Tokens / Mean) and allocations, with ONNX Runtime's intra-op threads set to
/// <see cref="Threads"/> (0: ONNX Runtime's default, one per core); runs only when the model exists.
/// </summary>
[MemoryDiagnoser]
public class ScorerBenchmarks
{
    private OnnxTokenScorer? _scorer;
    private ScoringInput[] _input = [];

    /// <summary>Input length in tokens of the model's own tokenizer.</summary>
    [Params(1_024, 4_096, 16_384, 65_536)]
    public int Tokens { get; set; }

    /// <summary>ONNX Runtime intra-op threads.</summary>
    [Params(0, 1)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (ModelScorer.Instance is null)
        {
            throw new InvalidOperationException("models/squeeze-mini/surprisal.onnx is missing; the scorer benchmarks need the model.");
        }

        _scorer = OnnxTokenScorer.Load(ModelScorer.Directory, new OnnxScorerOptions { IntraOpNumThreads = Threads });
        string text = BenchmarkText.OfTokens(Tokens * 2);
        int end = _scorer.Tokenizer.GetIndexByTokenCount(text, Tokens, out _, out _);
        _input = [new ScoringInput(text[..end])];
    }

    [GlobalCleanup]
    public void Cleanup() => _scorer?.Dispose();

    [Benchmark(Description = "score")]
    public Task<IReadOnlyList<TokenScores>> Score() => _scorer!.ScoreAsync(_input);
}
