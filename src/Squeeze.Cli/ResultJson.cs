using System.Text;
using System.Text.Json;

namespace Squeeze.Cli;

/// <summary>Writes the JSON form of a compression: the text (or one entry per file) and the report.</summary>
internal static class ResultJson
{
    public static string Write(IReadOnlyList<InputFile> files, CompressionResult result)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            if (files.Count == 1)
            {
                writer.WriteString("text", result.Texts[0]);
            }

            writer.WriteStartArray("files");
            for (int i = 0; i < files.Count; i++)
            {
                writer.WriteStartObject();
                writer.WriteString("path", files[i].Path);
                writer.WriteString("text", result.Texts[i]);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            CompressionReport report = result.Report;
            writer.WriteStartObject("report");
            writer.WriteString("tokenizer", report.Tokenizer);
            writer.WriteNumber("budget", report.Budget);
            writer.WriteNumber("tokensBefore", report.TokensBefore);
            writer.WriteNumber("tokensAfter", report.TokensAfter);
            writer.WriteNumber("ratio", double.IsFinite(report.Ratio) ? Math.Round(report.Ratio, 3) : 0);
            writer.WriteNumber("elapsedMs", Math.Round(report.Elapsed.TotalMilliseconds, 1));
            writer.WriteStartArray("segments");
            for (int i = 0; i < report.Segments.Count; i++)
            {
                SegmentReport segment = report.Segments[i];
                writer.WriteStartObject();
                writer.WriteString("path", files[i].Path);
                writer.WriteString("kind", segment.Kind.ToString());
                writer.WriteString("method", segment.Method);
                writer.WriteNumber("tokensBefore", segment.TokensBefore);
                writer.WriteNumber("tokensAfter", segment.TokensAfter);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
