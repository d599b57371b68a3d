using System.Diagnostics;
using System.Globalization;
using Squeeze.TokenPruning;

namespace Squeeze.Benchmarks;

/// <summary>Issue 6: where the time of a 10k-token LLMLingua compression at 4x goes (scoring by the model vs selecting).</summary>
internal static class LlmLinguaBreakdown
{
    public static async Task<int> RunAsync(int iterations)
    {
        if (ModelScorer.Instance is not { } model)
        {
            Console.Error.WriteLine("models/squeeze-mini/surprisal.onnx is missing; the breakdown needs the model.");
            return 1;
        }

        var timing = new TimingTokenScorer(model);
        var compressor = new LlmLinguaCompressor(timing);
        string text = BenchmarkText.OfTokens(10_000);
        int tokens = BenchmarkText.Counter.CountTokens(text);
        var request = new SegmentCompressionRequest(text, tokens / 4, BenchmarkText.Counter) { Query = BenchmarkText.Question };
        _ = await compressor.CompressAsync(request); // warm-up
        double total = 0, scoring = 0;
        for (int i = 0; i < iterations; i++)
        {
            timing.Reset();
            long start = Stopwatch.GetTimestamp();
            _ = await compressor.CompressAsync(request);
            total += Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            scoring += timing.Elapsed.TotalMilliseconds;
        }

        total /= iterations;
        scoring /= iterations;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"llmlingua 10k tokens ({tokens} o200k) at 4x, {iterations} runs: total {total:F1} ms, scoring {scoring:F1} ms ({100 * scoring / total:F1}%), selecting and the rest {total - scoring:F1} ms ({100 * (total - scoring) / total:F1}%)"));
        return 0;
    }
}
