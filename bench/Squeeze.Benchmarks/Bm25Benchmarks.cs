using BenchmarkDotNet.Attributes;
using Squeeze.Extractive;

namespace Squeeze.Benchmarks;

/// <summary>Issue goal: BM25 scoring of 10k tokens in at most 5 ms with no allocations beyond the result; 1M tokens shows the scaling.</summary>
[MemoryDiagnoser]
public class Bm25Benchmarks
{
    private readonly Bm25RelevanceScorer _scorer = new();
    private string _text = string.Empty;
    private TextSpan[] _units = [];
    private string _query = string.Empty;

    /// <summary>Input length in o200k tokens.</summary>
    [Params(10_000, 1_000_000)]
    public int Tokens { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _text = BenchmarkText.OfTokens(Tokens);
        _units = TextSegmenter.Split(_text, TextUnitLevel.Sentence);
        _query = BenchmarkText.Question;
    }

    [Benchmark(Description = "bm25-score")]
    public float[] Score() => _scorer.Score(_text, _units, _query);

    [Benchmark(Description = "segment-sentences")]
    public TextSpan[] Segment() => TextSegmenter.Split(_text, TextUnitLevel.Sentence);
}
