using System.Text;
using System.Text.Json;

namespace Squeeze.Cli;

public sealed class StreamedCompressionTests
{
    private const string Query = "When did Kuwait attain its independence?";
    private static readonly ITokenCounter _o200k = TargetTokenizers.ForEncoding("o200k_base");
    private static readonly string _sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "kuwait-factbook.txt"));

    [Theory]
    [InlineData("--ratio", "4")]
    [InlineData("--budget", "700")]
    public async Task Compress_FileLongerThanAChunk_IsCompressedInChunksWithinBudgetAndInOrder(string budgetOption, string value)
    {
        string text = Repeat(60_000);
        string path = await WriteTempAsync(text);
        try
        {
            (int exit, string stdout, string stderr) = await CliRunner.RunAsync("compress", path, budgetOption, value, "--json", "--no-model", "--chunk-chars", "8192", "--query", Query);

            Assert.True(exit == 0, stderr);
            (string output, int before, int budget, int after) = Parse(stdout);
            Assert.Equal(after, _o200k.CountTokens(output));
            Assert.InRange(after, budget * 8 / 10, budget);
            Assert.Equal(budgetOption == "--budget" ? 700 : before / 4, budget, tolerance: budgetOption == "--budget" ? 0 : before / 4 / 50);
            AssertInOrderSubsequence(text, output);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("--ratio", "5")]
    [InlineData("--budget", "600")]
    public async Task Compress_StandardInputLongerThanAChunk_FitsTheBudget(string budgetOption, string value)
    {
        string text = Repeat(40_000);
        (int exit, string stdout, string stderr) = await CliRunner.RunWithInputAsync(["compress", "-", budgetOption, value, "--json", "--no-model", "--chunk-chars", "4096"], text);

        Assert.True(exit == 0, stderr);
        (string output, _, int budget, int after) = Parse(stdout);
        Assert.Equal(after, _o200k.CountTokens(output));
        Assert.InRange(after, 1, budget);
        if (budgetOption == "--budget")
        {
            Assert.Equal(600, budget);
        }

        AssertInOrderSubsequence(text, output);
    }

    [Fact]
    public async Task Compress_LargeFileWithNulBytes_ExitsWithInputError()
    {
        string path = await WriteTempAsync(Repeat(20_000) + "\0\0\0" + Repeat(5_000));
        try
        {
            (int exit, _, string stderr) = await CliRunner.RunAsync("compress", path, "--no-model", "--chunk-chars", "4096");
            Assert.Equal(ExitCodes.Input, exit);
            Assert.Contains("NUL", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Compress_LargeFileWithInvalidUtf8_ExitsWithInputErrorNamingTheFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"squeeze-stream-{Guid.NewGuid():N}.txt");
        byte[] text = Encoding.UTF8.GetBytes(Repeat(20_000));
        text[15_000] = 0xC3;
        text[15_001] = 0x28;
        await File.WriteAllBytesAsync(path, text, TestContext.Current.CancellationToken);
        try
        {
            (int exit, _, string stderr) = await CliRunner.RunAsync("compress", path, "--no-model", "--chunk-chars", "4096");
            Assert.Equal(ExitCodes.Input, exit);
            Assert.Contains(path, stderr, StringComparison.Ordinal);
            Assert.Contains("UTF-8", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("aaaa\n\nbbbb\n\ncccc dddd", 16, 12)]     // after the last paragraph break within the limit
    [InlineData("aaaa bbbb\ncccc dddd eeee", 16, 10)]     // no paragraph break: after the last line break
    [InlineData("aaaa bbbb cccc dddd eeee", 16, 15)]      // no line break: after the last whitespace
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaa", 16, 16)]      // nothing to cut at: the limit
    [InlineData("aaaaaaaaaaaaaaa\U0001F600aaaa", 16, 15)] // never between the two halves of a surrogate pair
    public void FindCut_PrefersParagraphThenLineThenWhitespaceBreaks(string text, int chunk, int expected) =>
        Assert.Equal(expected, StreamedCompression.FindCut(new StringBuilder(text), chunk));

    [Fact]
    public async Task Compress_ChunkCharsBelowTheMinimum_IsAnOptionError()
    {
        (int exit, _, string stderr) = await CliRunner.RunWithInputAsync(["compress", "-", "--chunk-chars", "10"], "text");
        Assert.NotEqual(0, exit);
        Assert.Contains("--chunk-chars", stderr, StringComparison.Ordinal);
    }

    private static string Repeat(int characters)
    {
        var builder = new StringBuilder();
        for (int copy = 0; builder.Length < characters; copy++)
        {
            builder.Append("Part ").Append(copy).Append("\n\n").Append(_sample).Append("\n\n");
        }

        return builder.ToString();
    }

    private static async Task<string> WriteTempAsync(string text)
    {
        string path = Path.Combine(Path.GetTempPath(), $"squeeze-stream-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(path, text, TestContext.Current.CancellationToken);
        return path;
    }

    private static (string Text, int Before, int Budget, int After) Parse(string stdout)
    {
        using JsonDocument json = JsonDocument.Parse(stdout);
        JsonElement report = json.RootElement.GetProperty("report");
        return (json.RootElement.GetProperty("text").GetString()!, report.GetProperty("tokensBefore").GetInt32(), report.GetProperty("budget").GetInt32(), report.GetProperty("tokensAfter").GetInt32());
    }

    /// <summary>The output's characters appear in the input in the same order (kept spans, in order, nothing invented).</summary>
    private static void AssertInOrderSubsequence(string input, string output)
    {
        int position = 0;
        for (int i = 0; i < output.Length; i++)
        {
            int found = input.IndexOf(output[i], position);
            Assert.True(found >= 0, $"output character {i} ('{output[i]}') has no match in the input after position {position}");
            position = found + 1;
        }
    }
}
