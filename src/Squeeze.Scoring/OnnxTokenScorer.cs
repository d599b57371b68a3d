using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace Squeeze.Scoring;

/// <summary>
/// Scores text with a small causal language model through ONNX Runtime: the surprisal of each token given the tokens
/// before it. Loads a Hugging Face style model folder (config.json, tokenizer.json, and either Squeeze surprisal graphs
/// described by squeeze.json or a plain causal-LM model.onnx with a logits output). Long texts are scored in overlapping
/// windows, batched, and stitched so that every token is scored once. Thread-safe.
/// </summary>
public sealed class OnnxTokenScorer : ITokenScorer, IDisposable, IRowScorer
{
    private static readonly string[] _windowsGraphCandidates = ["surprisal.onnx", "model.onnx", "decoder_model.onnx", "onnx/model.onnx"];
    private readonly ScoringGraph _windows;
    private readonly Lazy<ScoringGraph?> _incremental;
    private readonly SessionOptions _sessionOptions;
    private readonly OnnxScorerOptions _options;
    private int _disposed;

    private OnnxTokenScorer(string directory, string name, TextEncoder encoder, int bosId, ScoringGraph windows, Lazy<ScoringGraph?> incremental, SessionOptions sessionOptions, OnnxScorerOptions options, int windowSize)
    {
        ModelDirectory = directory;
        Name = name;
        Encoder = encoder;
        BosTokenId = bosId;
        _windows = windows;
        _incremental = incremental;
        _sessionOptions = sessionOptions;
        _options = options;
        WindowSize = windowSize;
        MinLeftContext = Math.Min(options.MinLeftContext, windowSize - 1);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Gets the model folder the scorer was loaded from.</summary>
    public string ModelDirectory { get; }

    /// <summary>Gets the model's tokenizer.</summary>
    public Tokenizer Tokenizer => Encoder.Tokenizer;

    /// <summary>Gets the encoder of texts into token ids and their character spans.</summary>
    internal TextEncoder Encoder { get; }

    TextEncoder IRowScorer.Encoder => Encoder;

    /// <summary>Gets the id of the token put before every input so that its first token is scored.</summary>
    public int BosTokenId { get; }

    /// <summary>Gets the most tokens the model reads at once.</summary>
    public int WindowSize { get; }

    /// <summary>Gets the fewest tokens of left context a scored token has when a text spans several windows.</summary>
    public int MinLeftContext { get; }

    /// <summary>Gets a value indicating whether sessions reuse a key/value cache (otherwise they rescore with windows).</summary>
    public bool HasIncrementalGraph => _incremental.Value is not null;

    internal ScoringGraph WindowsGraph => _windows;

    internal ScoringGraph? IncrementalGraph => _incremental.Value;

    int IRowScorer.MaxInputTokens => _options.MaxInputTokens;

    /// <summary>Loads the built-in squeeze-mini model from <see cref="BuiltInModel.Directory"/>.</summary>
    /// <param name="options">Scorer settings; <see langword="null"/> for the defaults.</param>
    /// <returns>The scorer.</returns>
    /// <exception cref="ScorerException">The built-in model is missing or cannot be loaded.</exception>
    public static OnnxTokenScorer CreateBuiltIn(OnnxScorerOptions? options = null)
    {
        if (!BuiltInModel.IsAvailable)
        {
            throw new ScorerException(BuiltInModel.Directory, "is missing or incomplete (no squeeze.json): the built-in squeeze-mini model was not deployed next to the application.");
        }

        return Load(BuiltInModel.Directory, options);
    }

    /// <summary>Loads a model folder.</summary>
    /// <param name="modelDirectory">The folder with config.json, tokenizer.json and the ONNX graph(s).</param>
    /// <param name="options">Scorer settings; <see langword="null"/> for the defaults.</param>
    /// <returns>The scorer.</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="ScorerException">A file is missing or corrupt, a graph lacks the expected inputs or outputs, the tokenizer does not fit the graph, or the execution provider is not available.</exception>
    public static OnnxTokenScorer Load(string modelDirectory, OnnxScorerOptions? options = null)
    {
        options = (options ?? new OnnxScorerOptions()).Clone();
        options.Validate();
        string directory = ModelFolder.Resolve(modelDirectory);

        if (!File.Exists(Path.Combine(directory, ModelManifest.ConfigFileName)) && !File.Exists(Path.Combine(directory, ModelManifest.SqueezeFileName)))
        {
            throw new ScorerException(Path.Combine(directory, ModelManifest.ConfigFileName), "is missing: a model folder needs config.json or squeeze.json.");
        }

        ModelManifest manifest = ModelManifest.Read(directory);
        string tokenizerPath = Path.Combine(directory, HfTokenizerLoader.FileName);
        (TextEncoder encoder, int tokenizerVocab) = HfTokenizerLoader.Load(tokenizerPath);
        int bosId = manifest.BosTokenId ?? manifest.EosTokenId
            ?? throw new ScorerException(Path.Combine(directory, ModelManifest.ConfigFileName), "names no bos_token_id (nor eos_token_id); the scorer needs a begin token.");
        int padId = manifest.PadTokenId ?? bosId;

        string windowsPath = ResolveWindowsGraph(directory, options, manifest);
        SessionOptions sessionOptions = ExecutionProviders.CreateSessionOptions(options);
        ScoringGraph? windows = null;
        try
        {
            windows = ScoringGraph.Open(windowsPath, sessionOptions, manifest, padId);
            int? graphVocab = windows.VocabSize ?? manifest.VocabSize;
            if (graphVocab is int v && tokenizerVocab > v)
            {
                throw new ScorerException(tokenizerPath, $"has {tokenizerVocab} tokens, more than the {v} the graph {Path.GetFileName(windowsPath)} knows: the tokenizer does not belong to this model.");
            }

            if (graphVocab is int v2 && bosId >= v2)
            {
                throw new ScorerException(Path.Combine(directory, ModelManifest.ConfigFileName), $"names begin token {bosId}, outside the model's vocabulary of {v2}.");
            }

            int maxPositions = manifest.MaxPositions ?? int.MaxValue;
            int windowSize = options.WindowSize > 0 ? options.WindowSize : manifest.Window ?? 512;
            windowSize = Math.Min(windowSize, maxPositions);
            if (windowSize <= options.MinLeftContext && options.WindowSize > 0)
            {
                throw new ArgumentOutOfRangeException(nameof(options), $"MinLeftContext ({options.MinLeftContext}) must be less than WindowSize ({windowSize}).");
            }

            windowSize = Math.Max(windowSize, 2);
            string? incrementalPath = ResolveIncrementalGraph(directory, options, manifest, windows);
            ScoringGraph openedWindows = windows;
            var incremental = new Lazy<ScoringGraph?>(
                () =>
                {
                    if (incrementalPath is null)
                    {
                        return openedWindows.HasPast ? openedWindows : null;
                    }

                    ScoringGraph graph = ScoringGraph.Open(incrementalPath, sessionOptions, manifest, padId);
                    if (!graph.HasPast)
                    {
                        graph.Dispose();
                        throw new ScorerException(incrementalPath, "has no past_key_values.N.key/value inputs, so it cannot serve as the incremental graph.");
                    }

                    return graph;
                },
                LazyThreadSafetyMode.ExecutionAndPublication);
            string name = ModelFolder.DisplayName("onnx", directory);
            return new OnnxTokenScorer(directory, name, encoder, bosId, windows, incremental, sessionOptions, options, windowSize);
        }
        catch
        {
            windows?.Dispose();
            sessionOptions.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<TokenScores>> ScoreAsync(IReadOnlyList<ScoringInput> inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        for (int i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].Text is null)
            {
                throw new ArgumentException($"Input {i} has no text.", nameof(inputs));
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return inputs.Count == 0
            ? Task.FromResult<IReadOnlyList<TokenScores>>([])
            : Task.Run<IReadOnlyList<TokenScores>>(() => WindowedScoring.Score(this, inputs, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>With an incremental graph the session keeps a key/value cache of at most <see cref="WindowSize"/> tokens; when it is full it restarts from the last <see cref="MinLeftContext"/> tokens. Without one it rescores the tail with windows.</remarks>
    public IScoringSession CreateSession()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        ScoringGraph? graph;
        try
        {
            graph = _incremental.Value;
        }
        catch (OnnxRuntimeException ex)
        {
            throw new ScorerException(ModelDirectory, $"the incremental graph cannot be loaded ({ex.Message}).", ex);
        }

        return graph is null ? new RescoringSession(this) : new KvScoringSession(this, graph);
    }

    /// <inheritdoc />
    /// <remarks>Sessions without a key/value cache (no incremental graph) are scored in one batch.</remarks>
    public Task<IReadOnlyList<TokenScores>> PeekAsync(IReadOnlyList<IScoringSession> sessions, string text, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return RescoringSession.PeekAllAsync(this, sessions, text, cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_incremental.IsValueCreated && _incremental.Value is { } incremental && !ReferenceEquals(incremental, _windows))
        {
            incremental.Dispose();
        }

        _windows.Dispose();
        _sessionOptions.Dispose();
    }

    /// <summary>Runs rows through the windows graph in batches of similar length.</summary>
    void IRowScorer.RunRows(List<ScoreRow> rows, CancellationToken cancellationToken)
    {
        rows.Sort(static (a, b) => b.Length.CompareTo(a.Length));
        ScoreRow[] array = [.. rows];
        int maxBatch = _options.MaxBatchSize;
        int i = 0;
        while (i < array.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int batch = maxBatch;
            if (_windows.Kind == GraphOutputKind.Logits)
            {
                long perRow = (long)array[i].Length * Math.Max(1, _windows.VocabSize ?? 50_000);
                batch = (int)Math.Clamp((1L << 24) / Math.Max(1, perRow), 1, maxBatch);
            }

            batch = Math.Min(batch, array.Length - i);
            _windows.ScoreRows(array.AsSpan(i, batch), cancellationToken);
            i += batch;
        }
    }

    private static string ResolveWindowsGraph(string directory, OnnxScorerOptions options, ModelManifest manifest)
    {
        if (options.GraphFile is not null)
        {
            return Path.Combine(directory, options.GraphFile);
        }

        if (manifest.WindowsGraph is not null)
        {
            return Path.Combine(directory, manifest.WindowsGraph);
        }

        foreach (string candidate in _windowsGraphCandidates)
        {
            string path = Path.Combine(directory, candidate);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new ScorerException(directory, $"has no ONNX graph: expected {string.Join(", ", _windowsGraphCandidates)} or a squeeze.json naming one.");
    }

    private static string? ResolveIncrementalGraph(string directory, OnnxScorerOptions options, ModelManifest manifest, ScoringGraph windows)
    {
        if (options.IncrementalGraphFile is not null)
        {
            return options.IncrementalGraphFile.Length == 0 ? null : Path.Combine(directory, options.IncrementalGraphFile);
        }

        if (windows.HasPast)
        {
            return null;
        }

        if (windows.Kind == GraphOutputKind.Surprisal && manifest.IncrementalGraph is not null)
        {
            return Path.Combine(directory, manifest.IncrementalGraph);
        }

        string[] candidates = windows.Kind == GraphOutputKind.Surprisal
            ? ["surprisal-kv.onnx"]
            : ["model-kv.onnx", "decoder_with_past_model.onnx", "model_with_past.onnx"];
        foreach (string candidate in candidates)
        {
            string path = Path.Combine(directory, candidate);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }
}
