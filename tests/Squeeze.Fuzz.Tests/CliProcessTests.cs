using System.Diagnostics;

namespace Squeeze.Fuzz;

/// <summary>
/// Runs the real squeeze executable with corpus bytes on its standard input, so that the console's own decoding of stdin is covered too
/// (the in-process <c>cli</c> target decodes stdin the same way, but through a StreamReader of its own).
/// </summary>
public sealed class CliProcessTests
{
    [Theory]
    [InlineData("seed-invalid-utf8")]
    [InlineData("seed-utf16-bom")]
    [InlineData("seed-keep-over-budget")]
    public async Task Squeeze_compress_from_stdin_exits_with_a_documented_code(string file)
    {
        byte[] input = File.ReadAllBytes(Path.Combine(CorpusFiles.Folder("cli"), file));
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "Squeeze.Cli.dll"), "compress", "-", "--no-model", "--budget", "50" })
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.StandardInput.BaseStream.WriteAsync(input, TestContext.Current.CancellationToken);
        process.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);
        string errors = await stderr;
        _ = await stdout;
        Assert.DoesNotContain("Unhandled exception", errors, StringComparison.OrdinalIgnoreCase);
        Assert.True(process.ExitCode is 0 or 3, $"exit code {process.ExitCode}: {errors}");
    }
}
