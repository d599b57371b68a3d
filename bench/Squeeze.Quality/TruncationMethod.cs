namespace Squeeze.Quality;

/// <summary>Baseline: keeps the longest prefix that fits the budget.</summary>
internal sealed class TruncationMethod(ITokenCounter counter) : ICompressionMethod
{
    public string Name => "truncation";

    public Task<string> CompressAsync(QualityTask task, int budget, CancellationToken cancellationToken) =>
        Task.FromResult(task.Context[..counter.GetPrefixLength(task.Context, budget)]);
}
