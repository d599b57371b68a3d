using System.Text;
using System.Text.Json;

namespace Squeeze.Cli;

public sealed class CompressCommandTests
{
    private static readonly ITokenCounter _o200k = TargetTokenizers.ForEncoding("o200k_base");
    private static readonly string _sample = Path.Combine(AppContext.BaseDirectory, "samples", "kuwait-factbook.txt");

    [Fact]
    public async Task Compress_50kTokenFile_JsonReportFitsBudget()
    {
        string path = Path.Combine(Path.GetTempPath(), $"squeeze-cli-{Guid.NewGuid():N}.txt");
        string sample = await File.ReadAllTextAsync(_sample);
        var builder = new StringBuilder();
        for (int copy = 0; _o200k.CountTokens(builder.ToString()) < 50_000; copy++)
        {
            builder.Append("Part ").Append(copy).Append('\n').Append(sample).Append('\n');
        }

        await File.WriteAllTextAsync(path, builder.ToString());
        try
        {
            (int exit, string stdout, string stderr) = await RunAsync("compress", path, "--ratio", "4", "--json", "--no-model", "--query", "When did Kuwait attain its independence?");

            Assert.True(exit == 0, stderr);
            using JsonDocument json = JsonDocument.Parse(stdout);
            JsonElement report = json.RootElement.GetProperty("report");
            int before = report.GetProperty("tokensBefore").GetInt32();
            int budget = report.GetProperty("budget").GetInt32();
            int after = report.GetProperty("tokensAfter").GetInt32();
            Assert.True(before >= 50_000);
            Assert.Equal(before / 4, budget);
            Assert.InRange(after, 1, budget);
            Assert.Equal(after, _o200k.CountTokens(json.RootElement.GetProperty("text").GetString()));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Compress_StandardInput_WritesOnlyTheTextToStdout()
    {
        string text = await File.ReadAllTextAsync(_sample);

        (int exit, string stdout, string stderr) = await RunAsync(["compress", "-", "--budget", "300", "--no-model", "--stats"], text);

        Assert.Equal(0, exit);
        Assert.InRange(_o200k.CountTokens(stdout), 1, 300);
        Assert.Contains("total", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("total", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compress_Folder_CompressesEveryTextFileAndSkipsBinaries()
    {
        string folder = Directory.CreateTempSubdirectory("squeeze-cli-").FullName;
        try
        {
            string text = await File.ReadAllTextAsync(_sample);
            await File.WriteAllTextAsync(Path.Combine(folder, "a.txt"), text);
            await File.WriteAllTextAsync(Path.Combine(folder, "b.md"), text[..4000]);
            await File.WriteAllBytesAsync(Path.Combine(folder, "image.bin"), [0x89, 0x50, 0x00, 0x01]);

            (int exit, string stdout, _) = await RunAsync("compress", folder, "--budget", "500", "--no-model", "--json");

            Assert.Equal(0, exit);
            using JsonDocument json = JsonDocument.Parse(stdout);
            JsonElement[] files = [.. json.RootElement.GetProperty("files").EnumerateArray()];
            Assert.Equal(["a.txt", "b.md"], files.Select(f => f.GetProperty("path").GetString()));
            Assert.True(files.Sum(f => _o200k.CountTokens(f.GetProperty("text").GetString())) <= 500);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Compress_MissingFile_ExitsWithInputErrorNamingThePath()
    {
        (int exit, _, string stderr) = await RunAsync("compress", "/no/such/file.txt", "--no-model");

        Assert.Equal(ExitCodes.Input, exit);
        Assert.Contains("File not found: '/no/such/file.txt'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compress_BinaryFile_ExitsWithInputError()
    {
        string path = Path.Combine(Path.GetTempPath(), $"squeeze-cli-{Guid.NewGuid():N}.bin");
        await File.WriteAllBytesAsync(path, [1, 2, 0, 3]);
        try
        {
            (int exit, _, string stderr) = await RunAsync("compress", path);
            Assert.Equal(ExitCodes.Input, exit);
            Assert.Contains("binary", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("--budget", "0", "--budget must be a positive number")]
    [InlineData("--ratio", "0.5", "--ratio must be a number of at least 1")]
    [InlineData("--method", "zip", "zip")]
    [InlineData("--tokenizer", "gpt2", "gpt2")]
    public async Task Compress_BadOptions_ExitNonZeroWithMessage(string option, string value, string expected)
    {
        (int exit, _, string stderr) = await RunAsync("compress", _sample, option, value);

        Assert.NotEqual(0, exit);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compress_BudgetAndRatioTogether_IsRejected()
    {
        (int exit, _, string stderr) = await RunAsync("compress", _sample, "--budget", "100", "--ratio", "2");

        Assert.NotEqual(0, exit);
        Assert.Contains("either --budget or --ratio", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compress_CodeUseWithoutModel_IsRejected()
    {
        (int exit, _, string stderr) = await RunAsync("compress", _sample, "--code-use", "--no-model");

        Assert.NotEqual(0, exit);
        Assert.Contains("--code-use needs the built-in model", stderr, StringComparison.Ordinal);
    }

    private static Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args) => CliRunner.RunAsync(args);

    private static Task<(int Exit, string Stdout, string Stderr)> RunAsync(string[] args, string stdin) => CliRunner.RunWithInputAsync(args, stdin);
}
