using System.Diagnostics;
using System.Globalization;

namespace Squeeze.Fuzz;

/// <summary>Runs a target over a corpus folder: once per file (replay), or with seeded random mutations (the fallback when AFL is not available).</summary>
internal static class CorpusRunner
{
    public static int Replay(FuzzAction action, string folder)
    {
        int failures = 0;
        string[] files = Directory.GetFiles(folder);
        Array.Sort(files, StringComparer.Ordinal);
        foreach (string file in files)
        {
            try
            {
                action(File.ReadAllBytes(file));
            }
#pragma warning disable CA1031 // report every failure, whatever its type
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures++;
                Console.WriteLine($"FAIL {file}: {ex.GetType().FullName}: {ex.Message}");
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"replayed {files.Length} files, {failures} failures"));
        return failures == 0 ? 0 : 1;
    }

    public static int RandomMutation(FuzzAction action, TimeSpan duration, int seed, string folder)
    {
        var random = new Random(seed);
        var seeds = new List<byte[]>();
        foreach (string file in Directory.GetFiles(folder))
        {
            seeds.Add(File.ReadAllBytes(file));
        }

        if (seeds.Count == 0)
        {
            seeds.Add("seed"u8.ToArray());
        }

        string crashes = Path.Combine(Path.GetTempPath(), "squeeze-fuzz-crashes");
        Directory.CreateDirectory(crashes);
        long executions = 0;
        int failures = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            byte[] input = Mutator.Mutate(random, seeds[random.Next(seeds.Count)], seeds[random.Next(seeds.Count)]);
            executions++;
            try
            {
                action(input);
            }
#pragma warning disable CA1031 // every exception is a finding
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures++;
                string path = Path.Combine(crashes, string.Create(CultureInfo.InvariantCulture, $"crash-{seed}-{executions}"));
                File.WriteAllBytes(path, input);
                Console.WriteLine($"CRASH {path}: {ex.GetType().FullName}: {ex.Message}");
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"executions={executions} seconds={clock.Elapsed.TotalSeconds:F0} crashes={failures} seed={seed}"));
        return failures == 0 ? 0 : 1;
    }
}
