using BenchmarkDotNet.Running;
using Squeeze.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(Bm25Benchmarks).Assembly).Run(args);
