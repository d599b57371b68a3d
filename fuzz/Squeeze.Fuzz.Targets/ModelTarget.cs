using Squeeze.Scoring;

namespace Squeeze.Fuzz;

/// <summary>
/// Target "model": the model-folder loader <see cref="OnnxTokenScorer.Load"/>. The first byte picks the file the rest replaces
/// (0: config.json, 1: squeeze.json, 2: tokenizer.json) in a copy of tests/fixtures/models/tiny-llama; loading must either succeed
/// (and then score a short text) or throw <see cref="SqueezeException"/> (the loader throws <see cref="ScorerException"/>).
/// </summary>
internal sealed class ModelTarget : IDisposable
{
    public const string Name = "model";

    private static readonly string[] _fuzzedFiles = ["config.json", "squeeze.json", "tokenizer.json"];
    private static readonly string[] _copiedFiles = ["config.json", "squeeze.json", "tokenizer.json", "surprisal.onnx", "surprisal-kv.onnx", "surprisal.weights"];
    private readonly Lock _gate = new();
    private readonly string _folder;
    private readonly byte[][] _originals;

    public ModelTarget()
    {
        string fixture = FindFixture();
        _folder = Path.Combine(Path.GetTempPath(), "squeeze-fuzz-model-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        foreach (string file in _copiedFiles)
        {
            File.Copy(Path.Combine(fixture, file), Path.Combine(_folder, file));
        }

        _originals = Array.ConvertAll(_fuzzedFiles, f => File.ReadAllBytes(Path.Combine(fixture, f)));
    }

    public void Run(ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            for (int i = 0; i < _fuzzedFiles.Length; i++)
            {
                File.WriteAllBytes(Path.Combine(_folder, _fuzzedFiles[i]), _originals[i]);
            }

            if (data.Length > 0)
            {
                File.WriteAllBytes(Path.Combine(_folder, _fuzzedFiles[data[0] % _fuzzedFiles.Length]), data[1..]);
            }

            OnnxTokenScorer scorer;
            try
            {
                scorer = OnnxTokenScorer.Load(_folder, new OnnxScorerOptions { IntraOpNumThreads = 1 });
            }
            catch (SqueezeException)
            {
                return;
            }

            using (scorer)
            {
                try
                {
                    IReadOnlyList<TokenScores> scores = scorer.ScoreAsync([new ScoringInput("Hello, world! Squeeze me.")]).GetAwaiter().GetResult();
                    Check.That(scores.Count == 1, Name, "scoring one input returned no result");
                }
                catch (SqueezeException)
                {
                    // A documented failure: the loaded folder cannot score (e.g. a graph/config mismatch found at run time).
                }
            }
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Finds tests/fixtures/models/tiny-llama: $SQUEEZE_FUZZ_MODEL, or by walking up from the application folder.</summary>
    private static string FindFixture()
    {
        string? configured = Environment.GetEnvironmentVariable("SQUEEZE_FUZZ_MODEL");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "fixtures", "models", "tiny-llama");
            if (File.Exists(Path.Combine(candidate, "squeeze.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/fixtures/models/tiny-llama not found; set SQUEEZE_FUZZ_MODEL.");
    }
}
