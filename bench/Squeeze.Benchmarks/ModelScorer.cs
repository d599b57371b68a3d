using Squeeze.Scoring;

namespace Squeeze.Benchmarks;

/// <summary>Loads the built-in squeeze-mini scorer when its files exist (next to the app, or in the repository's models folder).</summary>
internal static class ModelScorer
{
    private static readonly Lazy<OnnxTokenScorer?> _scorer = new(TryLoad);

    /// <summary>The scorer, or null when the model is not there.</summary>
    public static OnnxTokenScorer? Instance => _scorer.Value;

    /// <summary>Whether the scorer loaded.</summary>
    public static bool IsAvailable => Instance is not null;

    private static OnnxTokenScorer? TryLoad()
    {
        try
        {
            if (BuiltInModel.IsAvailable && File.Exists(Path.Combine(BuiltInModel.Directory, "surprisal.onnx")))
            {
                return OnnxTokenScorer.CreateBuiltIn();
            }

            string repo = Path.Combine(BenchmarkText.RepositoryRoot(), "models", "squeeze-mini");
            return File.Exists(Path.Combine(repo, "surprisal.onnx")) ? OnnxTokenScorer.Load(repo) : null;
        }
        catch (Exception e) when (e is ScorerException or IOException or InvalidOperationException)
        {
            Console.Error.WriteLine($"squeeze-mini scorer not loaded: {e.Message}");
            return null;
        }
    }
}
