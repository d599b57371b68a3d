using BenchmarkDotNet.Attributes;

namespace Squeeze.Benchmarks;

/// <summary>
/// Each compression method at 4x on 1k, 10k and 100k-token inputs; the model-based ones (present when
/// models/squeeze-mini/surprisal.onnx exists) on 1k and 10k only, since at 100k one call takes a minute on two cores; with the
/// GPU scorer (present with a CUDA device) on all three.
/// </summary>
[MemoryDiagnoser]
public class MethodBenchmarks
{
    private static readonly int[] _sizes = [1_000, 10_000, 100_000];

    private ISegmentCompressor _compressor = null!;
    private SegmentCompressionRequest _request = null!;

    /// <summary>The method and the input length in o200k tokens, as "method/tokens".</summary>
    [ParamsSource(nameof(Cases))]
    public string Case { get; set; } = "extractive-bm25/1000";

    public static IEnumerable<string> Cases()
    {
        foreach (string method in CompressorFactory.Methods())
        {
            foreach (int size in _sizes)
            {
                if (size <= 10_000 || !CompressorFactory.UsesCpuModel(method))
                {
                    yield return $"{method}/{size}";
                }
            }
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        string[] parts = Case.Split('/');
        _compressor = CompressorFactory.Create(parts[0]);
        string text = BenchmarkText.OfTokens(int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        int budget = BenchmarkText.Counter.CountTokens(text) / 4;
        _request = new SegmentCompressionRequest(text, budget, BenchmarkText.Counter) { Query = BenchmarkText.Question };
    }

    [Benchmark(Description = "compress-4x")]
    public Task<CompressedText> Compress() => _compressor.CompressAsync(_request);
}
