using Squeeze.Scoring;

namespace Squeeze.Quality;

/// <summary>Loads the squeeze-mini scorer from a folder when its ONNX graph is there.</summary>
internal static class ModelLoader
{
    public static OnnxTokenScorer? TryLoad(string directory)
    {
        if (!File.Exists(Path.Combine(directory, "surprisal.onnx")))
        {
            Console.Error.WriteLine($"No {Path.Combine(directory, "surprisal.onnx")}: model-based methods are skipped.");
            return null;
        }

        try
        {
            return OnnxTokenScorer.Load(directory);
        }
        catch (Exception e) when (e is ScorerException or IOException or InvalidDataException or ArgumentException)
        {
            Console.Error.WriteLine($"The scorer in {directory} did not load ({e.Message}): model-based methods are skipped.");
            return null;
        }
    }
}
