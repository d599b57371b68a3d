using System.IO.Compression;
using System.Text.Json;

namespace Squeeze.Tuning;

/// <summary>Reads tasks from JSON Lines, one <c>{"context": …, "question": …, "answers": […]}</c> object per line (optionally with "id"); ".gz" files are decompressed.</summary>
public static class TuningTaskReader
{
    /// <summary>Reads every task of a file.</summary>
    /// <param name="path">A .jsonl or .jsonl.gz file.</param>
    /// <param name="cancellationToken">A token to cancel reading.</param>
    /// <returns>The tasks, in file order.</returns>
    /// <exception cref="FormatException">A line is not a valid task; the message names the file and line.</exception>
    public static async Task<List<TuningTask>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);
        var tasks = new List<TuningTask>();
        int lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is string line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            tasks.Add(Parse(line, $"{path}:{lineNumber}"));
        }

        return tasks;
    }

    private static TuningTask Parse(string line, string where)
    {
        try
        {
            using JsonDocument json = JsonDocument.Parse(line);
            JsonElement root = json.RootElement;
            string context = root.GetProperty("context").GetString() ?? throw new FormatException("\"context\" is null");
            string question = root.GetProperty("question").GetString() ?? throw new FormatException("\"question\" is null");
            var answers = new List<string>();
            foreach (JsonElement answer in root.GetProperty("answers").EnumerateArray())
            {
                answers.Add(answer.GetString() ?? throw new FormatException("an answer is null"));
            }

            if (answers.Count == 0)
            {
                throw new FormatException("\"answers\" is empty");
            }

            string id = root.TryGetProperty("id", out JsonElement idElement) ? idElement.ToString() : where;
            return new TuningTask(id, context, question, answers);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new FormatException($"{where}: not a task ({{\"context\", \"question\", \"answers\": [...]}}): {ex.Message}", ex);
        }
    }
}
