using BenchmarkDotNet.Attributes;

namespace Squeeze.Benchmarks;

/// <summary>squeeze-mini scorer throughput (tokens/s = Tokens / Mean) and allocations; runs only when the model exists.</summary>
[MemoryDiagnoser]
public class ScorerBenchmarks
{
    private ScoringInput[] _input = [];

    /// <summary>Input length in tokens of the model's own tokenizer.</summary>
    [Params(1_024, 4_096, 16_384, 65_536)]
    public int Tokens { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var scorer = ModelScorer.Instance ?? throw new InvalidOperationException("models/squeeze-mini/surprisal.onnx is missing; the scorer benchmarks need the model.");
        string text = BenchmarkText.OfTokens(Tokens * 2);
        int end = scorer.Tokenizer.GetIndexByTokenCount(text, Tokens, out _, out _);
        _input = [new ScoringInput(text[..end])];
    }

    [Benchmark(Description = "score")]
    public Task<IReadOnlyList<TokenScores>> Score() => ModelScorer.Instance!.ScoreAsync(_input);
}
