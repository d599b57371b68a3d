using System.Reflection;
using System.Text;

namespace Squeeze.Fuzz;

/// <summary>
/// Target "cli": <c>squeeze compress - --no-model --budget 50</c> with the input as standard input, run in-process.
/// Squeeze.Cli is internal, so its entry (<c>Squeeze.Cli.SqueezeCli.RunAsync(args, stdin, stdout, stderr, ct)</c>) is called by reflection;
/// standard input is decoded as the console decodes it (UTF-8, U+FFFD for invalid bytes). The exit code must be 0 (success, output within
/// 50 o200k tokens) or 3 (a documented compression error); 1 with "Unhandled exception" means an exception escaped the command.
/// </summary>
internal static class CliTarget
{
    public const string Name = "cli";

    public const int Budget = 50;

    private static readonly string[] _args = ["compress", "-", "--no-model", "--budget", "50"];

    private static readonly Lazy<Func<string[], TextReader, TextWriter, TextWriter, CancellationToken, Task<int>>> _entry = new(FindEntry);

    public static void Run(ReadOnlySpan<byte> data)
    {
        using var stdin = new StreamReader(new MemoryStream(data.ToArray()), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exit = _entry.Value(_args, stdin, stdout, stderr, CancellationToken.None).GetAwaiter().GetResult();
        string errors = stderr.ToString();
        Check.That(!errors.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase), Name, $"exception escaped the command: {errors}");
        Check.That(exit is 0 or 3, Name, $"exit code {exit}: {errors}");
        if (exit == 0)
        {
            int tokens = Counters.O200k.CountTokens(stdout.ToString());
            Check.That(tokens <= Budget, Name, $"stdout has {tokens} tokens, budget {Budget}");
        }
    }

    private static Func<string[], TextReader, TextWriter, TextWriter, CancellationToken, Task<int>> FindEntry()
    {
        Assembly cli = Assembly.Load(new AssemblyName("Squeeze.Cli"));
        MethodInfo method = cli.GetType("Squeeze.Cli.SqueezeCli", throwOnError: true)!.GetMethod("RunAsync", BindingFlags.Public | BindingFlags.Static)
            ?? throw new MissingMethodException("Squeeze.Cli.SqueezeCli", "RunAsync");
        return method.CreateDelegate<Func<string[], TextReader, TextWriter, TextWriter, CancellationToken, Task<int>>>();
    }
}
