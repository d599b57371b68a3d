using Squeeze.Scoring;

namespace Squeeze.Benchmarks;

/// <summary>Loads the built-in squeeze-mini scorer when its files exist (next to the app, or in the repository's models folder).</summary>
internal static class ModelScorer
{
    private static readonly Lazy<OnnxTokenScorer?> _scorer = new(TryLoad);

    /// <summary>The scorer, or null when the model is not there.</summary>
    public static OnnxTokenScorer? Instance => _scorer.Value;

    /// <summary>The folder the scorer was loaded from (valid once <see cref="Instance"/> is not null).</summary>
    public static string Directory { get; private set; } = string.Empty;

    /// <summary>Whether the scorer loaded.</summary>
    public static bool IsAvailable => Instance is not null;

    private static OnnxTokenScorer? TryLoad()
    {
        try
        {
            Directory = BuiltInModel.IsAvailable && File.Exists(Path.Combine(BuiltInModel.Directory, "surprisal.onnx"))
                ? BuiltInModel.Directory
                : Path.Combine(BenchmarkText.RepositoryRoot(), "models", "squeeze-mini");
            return File.Exists(Path.Combine(Directory, "surprisal.onnx")) ? OnnxTokenScorer.Load(Directory) : null;
        }
        catch (Exception e) when (e is ScorerException or IOException or InvalidOperationException)
        {
            Console.Error.WriteLine($"squeeze-mini scorer not loaded: {e.Message}");
            return null;
        }
    }
}
