using Squeeze.Scoring;
using Squeeze.Scoring.Gpu;

namespace Squeeze.Quality;

/// <summary>Loads the squeeze-mini scorer from a folder: ONNX Runtime on the CPU, or the ILGPU forward pass on CUDA.</summary>
internal static class ModelLoader
{
    public static ITokenScorer? TryLoad(string directory, string kind = "onnx")
    {
        string required = Path.Combine(directory, kind == "gpu" ? "model.safetensors" : "surprisal.onnx");
        if (!File.Exists(required))
        {
            Console.Error.WriteLine($"No {required}: model-based methods are skipped.");
            return null;
        }

        try
        {
            if (kind != "gpu")
            {
                return OnnxTokenScorer.Load(directory);
            }

            GpuTokenScorer gpu = GpuTokenScorer.Load(directory, new GpuScorerOptions { Device = "auto" });
            Console.Error.WriteLine($"GPU scorer on {gpu.DeviceName}");
            return gpu;
        }
        catch (Exception e) when (e is ScorerException or IOException or InvalidDataException or ArgumentException)
        {
            Console.Error.WriteLine($"The {kind} scorer in {directory} did not load ({e.Message}): model-based methods are skipped.");
            return null;
        }
    }
}
