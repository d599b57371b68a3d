using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Squeeze.Quality;

/// <summary>
/// Reads task sets: JSON lines (optionally gzip-compressed) of {"id","kind","context","question","answers","needle","needle_document",
/// "needle_position"}; code tasks add "language" and "callees": [{"name", "lines": [...]}].
/// </summary>
internal static class TaskReader
{
    public static List<QualityTask> Read(string path, int limit)
    {
        using Stream file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var tasks = new List<QualityTask>();
        string fallbackKind = Path.GetFileName(path).Split('.')[0];
        int lineNumber = 0;
        while (reader.ReadLine() is string line && (limit <= 0 || tasks.Count < limit))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using JsonDocument doc = JsonDocument.Parse(line);
            JsonElement r = doc.RootElement;
            var answers = new List<string>();
            if (r.TryGetProperty("answers", out JsonElement a) && a.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement x in a.EnumerateArray())
                {
                    answers.Add(x.GetString() ?? string.Empty);
                }
            }

            (List<IReadOnlyList<string>> calleeLines, List<string> calleeNames) = Callees(r);
            tasks.Add(new QualityTask(
                Str(r, "id") ?? $"{fallbackKind}-{lineNumber}",
                Str(r, "kind") ?? fallbackKind,
                Str(r, "context") ?? throw new InvalidDataException($"{path}:{lineNumber}: no context"),
                Str(r, "question") ?? string.Empty,
                answers,
                Str(r, "needle") ?? string.Empty,
                r.TryGetProperty("needle_document", out JsonElement d) && d.ValueKind == JsonValueKind.Number ? d.GetInt32() : 0,
                Str(r, "needle_position") ?? string.Empty)
            {
                Callees = calleeLines,
                CalleeNames = calleeNames,
                Language = Str(r, "language"),
            });
        }

        return tasks;
    }

    private static (List<IReadOnlyList<string>> Lines, List<string> Names) Callees(JsonElement r)
    {
        var lines = new List<IReadOnlyList<string>>();
        var names = new List<string>();
        if (r.TryGetProperty("callees", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement callee in list.EnumerateArray())
            {
                lines.Add([.. callee.GetProperty("lines").EnumerateArray().Select(l => l.GetString() ?? string.Empty)]);
                names.Add(Str(callee, "name") ?? string.Empty);
            }
        }

        return (lines, names);
    }

    private static string? Str(JsonElement r, string name) =>
        r.TryGetProperty(name, out JsonElement e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
}
