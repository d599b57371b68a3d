using Squeeze.Scoring;
using Squeeze.Scoring.Gpu;

namespace Squeeze.Benchmarks;

/// <summary>Loads the built-in squeeze-mini model on the GPU scorer when a CUDA device is present (the GPU rows of the benchmarks).</summary>
internal static class GpuScorer
{
    private static readonly Lazy<GpuTokenScorer?> _scorer = new(TryLoad);

    /// <summary>The scorer, or null without a CUDA device or the model.</summary>
    public static GpuTokenScorer? Instance => _scorer.Value;

    /// <summary>Whether the scorer loaded.</summary>
    public static bool IsAvailable => Instance is not null;

    private static GpuTokenScorer? TryLoad()
    {
        string directory = BuiltInModel.IsAvailable ? BuiltInModel.Directory : Path.Combine(BenchmarkText.RepositoryRoot(), "models", "squeeze-mini");
        try
        {
            return GpuTokenScorer.Load(directory);
        }
        catch (ScorerException e)
        {
            Console.Error.WriteLine($"GPU scorer not loaded: {e.Message}");
            return null;
        }
    }
}
