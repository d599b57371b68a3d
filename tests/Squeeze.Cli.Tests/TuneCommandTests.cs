namespace Squeeze.Cli;

public sealed class TuneCommandTests
{
    private static readonly string _tasks = Path.Combine(AppContext.BaseDirectory, "Data", "tune-tasks.jsonl");

    [Fact]
    public async Task Tune_WritesOptionsFileThatCompressLoads()
    {
        string options = Path.Combine(Path.GetTempPath(), $"squeeze-tuned-{Guid.NewGuid():N}.json");
        try
        {
            (int exit, string stdout, string stderr) = await CliRunner.RunAsync(
                "tune", "--data", _tasks, "--min-retention", "0.8", "--confidence", "0.6", "--methods", "extractive", "--ratios", "1.5", "2", "3", "--no-model", "--out", options);

            Assert.True(exit == 0, stderr + stdout);
            Assert.Contains("extractive: best safe ratio", stdout, StringComparison.Ordinal);
            SqueezeOptions loaded = OptionsFile.Load(options);
            Assert.Equal(CompressionMethod.Extractive, loaded.Method);
            Assert.NotNull(loaded.Ratio);
            Assert.Contains($"best safe ratio {loaded.Ratio.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}x", stdout, StringComparison.Ordinal);

            string sample = Path.Combine(AppContext.BaseDirectory, "samples", "kuwait-factbook.txt");
            (exit, string json, stderr) = await CliRunner.RunAsync("compress", sample, "--options", options, "--json", "--no-model");
            Assert.True(exit == 0, stderr);
            using var document = System.Text.Json.JsonDocument.Parse(json);
            System.Text.Json.JsonElement report = document.RootElement.GetProperty("report");
            Assert.Equal((int)Math.Floor(report.GetProperty("tokensBefore").GetInt32() / loaded.Ratio.Value), report.GetProperty("budget").GetInt32());
        }
        finally
        {
            File.Delete(options);
        }
    }

    [Fact]
    public async Task Tune_MalformedTaskFile_NamesFileAndLine()
    {
        string path = Path.Combine(Path.GetTempPath(), $"squeeze-bad-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllTextAsync(path, "{\"context\": \"a\", \"question\": \"b\", \"answers\": [\"c\"]}\n{\"context\": 1}\n");
        try
        {
            (int exit, _, string stderr) = await CliRunner.RunAsync("tune", "--data", path, "--no-model");
            Assert.Equal(ExitCodes.Input, exit);
            Assert.Contains($"{path}:2", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Compress_MissingOptionsFile_IsAnInputError()
    {
        (int exit, _, string stderr) = await CliRunner.RunAsync("compress", "-", "--options", "/no/such/options.json");
        Assert.Equal(ExitCodes.Input, exit);
        Assert.Contains("Options file not found", stderr, StringComparison.Ordinal);
    }
}
