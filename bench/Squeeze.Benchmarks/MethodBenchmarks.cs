using BenchmarkDotNet.Attributes;

namespace Squeeze.Benchmarks;

/// <summary>Each compression method at 4x on 1k, 10k and 100k-token inputs.</summary>
[MemoryDiagnoser]
public class MethodBenchmarks
{
    private ISegmentCompressor _compressor = null!;
    private SegmentCompressionRequest _request = null!;

    /// <summary>The method (model-based ones appear when models/squeeze-mini/surprisal.onnx exists).</summary>
    [ParamsSource(nameof(AllMethods))]
    public string Method { get; set; } = "extractive-bm25";

    /// <summary>Input length in o200k tokens.</summary>
    [Params(1_000, 10_000, 100_000)]
    public int Tokens { get; set; }

    public static IEnumerable<string> AllMethods() => CompressorFactory.Methods();

    [GlobalSetup]
    public void Setup()
    {
        _compressor = CompressorFactory.Create(Method);
        string text = BenchmarkText.OfTokens(Tokens);
        int budget = BenchmarkText.Counter.CountTokens(text) / 4;
        _request = new SegmentCompressionRequest(text, budget, BenchmarkText.Counter) { Query = BenchmarkText.Question };
    }

    [Benchmark(Description = "compress-4x")]
    public Task<CompressedText> Compress() => _compressor.CompressAsync(_request);
}
