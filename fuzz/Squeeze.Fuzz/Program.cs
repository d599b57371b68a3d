using System.Globalization;
using SharpFuzz;
using Squeeze.Fuzz;

// Usage:
//   Squeeze.Fuzz TARGET                         run under AFL++ (afl-fuzz … -- dotnet Squeeze.Fuzz.dll TARGET); reads one input from stdin otherwise
//   Squeeze.Fuzz TARGET --replay DIR            run every file of DIR once; exit 1 if any fails
//   Squeeze.Fuzz TARGET --random SECONDS SEED DIR  fallback without AFL: seeded in-process mutation of DIR's files for SECONDS
if (args.Length == 0 || !FuzzTargets.Names.Contains(args[0]))
{
    await Console.Error.WriteLineAsync($"usage: Squeeze.Fuzz <{string.Join('|', FuzzTargets.Names)}> [--replay DIR | --random SECONDS SEED DIR]").ConfigureAwait(false);
    return 2;
}

string target = args[0];
FuzzAction action = FuzzTargets.Get(target);
if (args.Length >= 3 && args[1] == "--replay")
{
    return CorpusRunner.Replay(action, args[2]);
}

if (args.Length >= 5 && args[1] == "--random")
{
    return CorpusRunner.RandomMutation(
        action,
        TimeSpan.FromSeconds(double.Parse(args[2], CultureInfo.InvariantCulture)),
        int.Parse(args[3], CultureInfo.InvariantCulture),
        args[4]);
}

// No warm-up before Fuzzer.Run: instrumented code may only run once SharpFuzz has mapped AFL's shared memory (else an access violation).
// SharpFuzz keeps one process alive across runs (AFL persistent mode), so loading tokenizers and JIT is paid once anyway.
Fuzzer.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    action(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
});
return 0;
