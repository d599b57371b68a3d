namespace Squeeze.Cli;

/// <summary>Runs the CLI in process with captured standard streams.</summary>
internal static class CliRunner
{
    public static Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args) => RunWithInputAsync(args, string.Empty);

    public static async Task<(int Exit, string Stdout, string Stderr)> RunWithInputAsync(string[] args, string stdin)
    {
        using var input = new StringReader(stdin);
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = await SqueezeCli.RunAsync(args, input, output, error, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }
}
