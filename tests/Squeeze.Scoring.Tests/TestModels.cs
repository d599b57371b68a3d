using System.Text.Json;

namespace Squeeze.Scoring;

/// <summary>Paths to the committed fixtures and shared scorers over the tiny random-weight Llama.</summary>
internal static class TestModels
{
    private static readonly Lazy<OnnxTokenScorer> _surprisal = new(() => OnnxTokenScorer.Load(TinyLlama));
    private static readonly Lazy<OnnxTokenScorer> _logits = new(() => OnnxTokenScorer.Load(TinyLlama, new OnnxScorerOptions { GraphFile = "model.onnx" }));
    private static readonly Lazy<string> _scratchRoot = new(() =>
    {
        string root = Path.Combine(Path.GetTempPath(), "squeeze-scoring-tests-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        };
        return root;
    });

    private static readonly Lazy<JsonElement> _reference = new(() => Json(Path.Combine(TinyLlama, "reference.json")));

    public static string Fixtures => Path.Combine(AppContext.BaseDirectory, "fixtures", "models");

    public static string TinyLlama => Path.Combine(Fixtures, "tiny-llama");

    /// <summary>Gets a scorer over surprisal.onnx / surprisal-kv.onnx.</summary>
    public static OnnxTokenScorer Surprisal => _surprisal.Value;

    /// <summary>Gets a scorer over model.onnx / model-kv.onnx (logits).</summary>
    public static OnnxTokenScorer Logits => _logits.Value;

    public static JsonElement Reference => _reference.Value;

    public static JsonElement Json(string path)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.Clone();
    }

    public static int[] Ints(JsonElement array)
    {
        var result = new int[array.GetArrayLength()];
        int i = 0;
        foreach (JsonElement e in array.EnumerateArray())
        {
            result[i++] = e.GetInt32();
        }

        return result;
    }

    public static float[] Floats(JsonElement array)
    {
        var result = new float[array.GetArrayLength()];
        int i = 0;
        foreach (JsonElement e in array.EnumerateArray())
        {
            result[i++] = e.GetSingle();
        }

        return result;
    }

    /// <summary>Copies the tiny model folder to a fresh temporary folder that a test may damage.</summary>
    public static string CopyTinyLlama()
    {
        string target = Path.Combine(_scratchRoot.Value, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(target);
        foreach (string file in Directory.GetFiles(TinyLlama))
        {
            string name = Path.GetFileName(file);
            if (name is not ("model.safetensors" or "model.onnx" or "model-kv.onnx" or "reference.json"))
            {
                File.Copy(file, Path.Combine(target, name));
            }
        }

        return target;
    }

    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        float worst = 0;
        int at = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            float d = Math.Abs(expected[i] - actual[i]);
            if (d > worst)
            {
                worst = d;
                at = i;
            }
        }

        Assert.True(worst <= tolerance, $"{what}: max |diff| {worst} at {at} exceeds {tolerance}");
    }
}
