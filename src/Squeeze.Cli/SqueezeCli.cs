using System.CommandLine;

namespace Squeeze.Cli;

/// <summary>The squeeze command line: parses arguments and runs the chosen command.</summary>
internal static class SqueezeCli
{
    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("squeeze: compress prompts and context to a token budget before they reach an LLM.")
        {
            CompressCommand.Create(stdin, stdout, stderr),
            TuneCommand.Create(stdout, stderr),
        };
        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr };
        return await root.Parse(args).InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}
