using BenchmarkDotNet.Running;
using Squeeze.Benchmarks;

// `breakdown [iterations]` times LLMLingua's scoring vs selecting (issue 6); everything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "breakdown")
{
    return await LlmLinguaBreakdown.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
}

BenchmarkSwitcher.FromAssembly(typeof(Bm25Benchmarks).Assembly).Run(args);
return 0;
