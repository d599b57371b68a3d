using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Squeeze.Scoring;
using Squeeze.Scoring.Gpu;
using Squeeze.TokenPruning;

namespace Squeeze.Quality;

/// <summary>
/// <c>--scorer-speed</c>: checks the scorer (<c>--scorer</c>: ONNX Runtime on the CPU or the GPU forward pass) against PyTorch's reference values, then times
/// scoring 1k–64k-token inputs and a 10k-token LongLLMLingua compression at 4x with each, and writes scorer-speed.csv.
/// </summary>
internal static class ScorerSpeed
{
    private static readonly int[] _sizes = [1_024, 4_096, 16_384, 65_536];

    public static async Task<int> RunAsync(HarnessOptions options)
    {
        List<ITokenScorer> scorers = [options.Scorer == "gpu" ? GpuTokenScorer.Load(options.ModelDirectory, new GpuScorerOptions { Device = "auto" }) : OnnxTokenScorer.Load(options.ModelDirectory)];
        try
        {
            var csv = new StringBuilder("scorer,measure,tokens,ms,tokens_per_s,max_abs_diff\n");
            string reference = Path.Combine("tests", "fixtures", "models", "squeeze-mini-reference.json");
            foreach (ITokenScorer scorer in scorers)
            {
                double diff = await MaxDifferenceAsync(scorer, reference);
                Report(csv, scorer.Name, "parity-vs-pytorch", 0, 0, diff);
            }

            string text = LongText(options);
            ITokenCounter counter = TargetTokenizers.ForEncoding("o200k_base");
            foreach (ITokenScorer scorer in scorers)
            {
                Microsoft.ML.Tokenizers.Tokenizer tokenizer = scorer is GpuTokenScorer g ? g.Tokenizer : ((OnnxTokenScorer)scorer).Tokenizer;
                foreach (int size in _sizes)
                {
                    string input = text[..tokenizer.GetIndexByTokenCount(text, size, out _, out _)];
                    double ms = await MedianAsync(() => scorer.ScoreAsync([new ScoringInput(input)]), size >= 65_536 ? 2 : 3);
                    Report(csv, scorer.Name, "score", size, ms, double.NaN);
                }

                string context = text[..counter.GetPrefixLength(text, 10_000)];
                foreach (ISegmentCompressor compressor in new ISegmentCompressor[] { new LongLlmLinguaCompressor(scorer), new LlmLinguaCompressor(scorer) })
                {
                    var request = new SegmentCompressionRequest(context, 2_500, counter) { Query = "What is the registration number of the northern telegraph?" };
                    double ms = await MedianAsync(() => compressor.CompressAsync(request), 3);
                    Report(csv, scorer.Name, compressor.Name + "-10k-4x", 10_000, ms, double.NaN);
                }

                if (scorer is GpuTokenScorer gpu)
                {
                    await ProfileAsync(gpu, text[..tokenizer.GetIndexByTokenCount(text, 16_384, out _, out _)], [new LlmLinguaCompressor(scorer), new LongLlmLinguaCompressor(scorer)], context, counter, options.OutDirectory);
                }
            }

            Directory.CreateDirectory(options.OutDirectory);
            File.WriteAllText(Path.Combine(options.OutDirectory, "scorer-speed.csv"), csv.ToString());
            return 0;
        }
        finally
        {
            foreach (ITokenScorer scorer in scorers)
            {
                (scorer as IDisposable)?.Dispose();
            }
        }
    }

    /// <summary>Time per forward-pass operation (the device waited for after each) for one 16k-token call and one compression by each compressor.</summary>
    private static async Task ProfileAsync(GpuTokenScorer gpu, string input, ISegmentCompressor[] compressors, string context, ITokenCounter counter, string outDirectory)
    {
        var table = new StringBuilder("case,operation,calls,ms\n");
        Console.WriteLine($"GPU forward pass on {gpu.DeviceName}, matrix products: {gpu.MatMulName}");
        var cases = new List<(string Name, Func<Task> Run)> { ("score-16k", () => gpu.ScoreAsync([new ScoringInput(input)])) };
        foreach (ISegmentCompressor compressor in compressors)
        {
            cases.Add((compressor.Name + "-10k-4x", () => compressor.CompressAsync(new SegmentCompressionRequest(context, 2_500, counter) { Query = "What is the registration number of the northern telegraph?" })));
        }

        foreach ((string name, Func<Task> run) in cases)
        {
            var profile = new ForwardProfile();
            gpu.Profile = profile;
            long start = Stopwatch.GetTimestamp();
            await run();
            double total = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            gpu.Profile = null;
            double inForward = 0;
            foreach ((string op, double ms, long calls) in profile.Totals)
            {
                inForward += ms;
                table.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{name},{op},{calls},{ms:F2}"));
            }

            table.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{name},outside-forward,{profile.Passes},{total - inForward:F2}"));
            table.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{name},total,{profile.Passes},{total:F2}"));
        }

        Console.Write(table);
        Directory.CreateDirectory(outDirectory);
        await File.WriteAllTextAsync(Path.Combine(outDirectory, "gpu-profile.csv"), table.ToString());
    }

    private static void Report(StringBuilder csv, string scorer, string measure, int tokens, double ms, double diff)
    {
        double rate = ms > 0 ? tokens / (ms / 1000) : double.NaN;
        string line = string.Create(CultureInfo.InvariantCulture, $"{scorer},{measure},{tokens},{ms:F2},{rate:F0},{diff:G3}");
        csv.AppendLine(line);
        Console.WriteLine(line);
    }

    private static async Task<double> MedianAsync<T>(Func<Task<T>> run, int runs)
    {
        for (int i = 0; i < 3; i++)
        {
            _ = await run(); // warm-up: JIT (to its optimised tier), kernel compilation, buffers
        }
        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            _ = await run();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return times[runs / 2];
    }

    /// <summary>The largest difference from PyTorch over each reference case's first window (the reference is one unwindowed pass).</summary>
    private static async Task<double> MaxDifferenceAsync(ITokenScorer scorer, string path)
    {
        using JsonDocument doc = JsonDocument.Parse(await File.ReadAllBytesAsync(path));
        double max = 0;
        foreach (JsonElement c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            TokenScores scores = (await scorer.ScoreAsync([new ScoringInput(c.GetProperty("text").GetString()!)]))[0];
            float[] reference = [.. c.GetProperty("surprisal").EnumerateArray().Select(e => e.GetSingle())];
            int n = Math.Min(Math.Min(reference.Length - 1, scores.Count), 511);
            for (int t = 0; t < n; t++)
            {
                max = Math.Max(max, Math.Abs(reference[t + 1] - scores.Surprisal.Span[t]));
            }
        }

        return max;
    }

    private static string LongText(HarnessOptions options)
    {
        var all = new StringBuilder();
        foreach (string file in options.TaskFiles)
        {
            foreach (QualityTask task in TaskReader.Read(file, 0))
            {
                all.Append(task.Context).Append("\n\n");
            }
        }

        string text = all.ToString();
        while (text.Length < 1_200_000)
        {
            text += "\n\n" + text;
        }

        return text;
    }
}
