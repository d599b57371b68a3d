using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Squeeze.Benchmarks;

/// <summary>Builds benchmark inputs of an exact o200k token length from the committed task sets (bench/tasks).</summary>
internal static class BenchmarkText
{
    private static readonly Lazy<(string Text, string Question)> _source = new(Load);

    public static ITokenCounter Counter { get; } = TargetTokenizers.ForEncoding("o200k_base");

    /// <summary>A question from the first task, used as the query.</summary>
    public static string Question => _source.Value.Question;

    /// <summary>Returns a prefix of the task contexts (repeated as needed) that has about <paramref name="tokens"/> o200k tokens.</summary>
    public static string OfTokens(int tokens)
    {
        string source = _source.Value.Text;
        int sourceTokens = Counter.CountTokens(source);
        var builder = new StringBuilder();
        int have = 0;
        while (have + sourceTokens < tokens)
        {
            builder.Append(source).Append("\n\n");
            have += sourceTokens + 1;
        }

        int prefix = Counter.GetPrefixLength(source, tokens - have);
        builder.Append(source, 0, prefix);
        return builder.ToString();
    }

    /// <summary>Finds the repository root (the folder holding bench/tasks) from the working or base directory.</summary>
    public static string RepositoryRoot()
    {
        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (DirectoryInfo? d = new(start); d is not null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "bench", "tasks", "needle.jsonl.gz")))
                {
                    return d.FullName;
                }
            }
        }

        throw new InvalidOperationException("Cannot find bench/tasks/needle.jsonl.gz above the working or base directory.");
    }

    private static (string, string) Load()
    {
        string root = RepositoryRoot();
        var builder = new StringBuilder();
        string? question = null;
        foreach (string set in new[] { "needle", "multi", "paraphrase" })
        {
            using var file = File.OpenRead(Path.Combine(root, "bench", "tasks", set + ".jsonl.gz"));
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            while (reader.ReadLine() is string line)
            {
                using JsonDocument doc = JsonDocument.Parse(line);
                builder.Append(doc.RootElement.GetProperty("context").GetString()).Append("\n\n");
                question ??= doc.RootElement.GetProperty("question").GetString();
            }
        }

        return (builder.ToString(), question ?? string.Empty);
    }
}
