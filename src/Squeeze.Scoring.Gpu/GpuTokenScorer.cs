using ILGPU;
using ILGPU.Runtime;
using Microsoft.ML.Tokenizers;

namespace Squeeze.Scoring.Gpu;

/// <summary>
/// Scores text with a Llama-architecture causal language model (such as the built-in squeeze-mini) on an NVIDIA GPU through ILGPU
/// (and cuBLAS for the matrix products, when libcublas loads):
/// the same surprisal as <see cref="OnnxTokenScorer"/>, from the Hugging Face folder (config.json, model.safetensors, tokenizer.json)
/// without ONNX Runtime. Long texts are scored in overlapping windows, batched up to <see cref="GpuScorerOptions.MaxBatchTokens"/>.
/// </summary>
/// <remarks>
/// Thread-safe: concurrent calls share the device and run one forward pass at a time. Sessions rescore the recent history with each
/// new text (no key/value cache on the device yet); appended context (<see cref="IScoringSession.AppendContextAsync"/>) costs no
/// forward pass. With <see cref="GpuScorerOptions.Device"/> = "cpu" the kernels run on ILGPU's CPU accelerator, in their
/// one-thread-per-row forms, which is how the tests check them on machines without a GPU.
/// </remarks>
public sealed class GpuTokenScorer : ITokenScorer, IDisposable, IRowScorer
{
    private readonly Lock _gate = new();
    private readonly Context _context;
    private readonly Accelerator _accelerator;
    private readonly LlamaWeights _weights;
    private readonly LlamaForward _forward;
    private readonly GpuScorerOptions _options;
    private int _disposed;

    private GpuTokenScorer(string directory, TextEncoder encoder, LlamaConfig config, Context context, Accelerator accelerator, LlamaWeights weights, GpuScorerOptions options)
    {
        ModelDirectory = directory;
        Encoder = encoder;
        BosTokenId = config.BosTokenId;
        _context = context;
        _accelerator = accelerator;
        _weights = weights;
        _forward = new LlamaForward(accelerator, config, weights);
        _options = options;
        WindowSize = Math.Min(options.WindowSize, config.MaxPositions);
        MinLeftContext = Math.Min(options.MinLeftContext, WindowSize - 1);
        Name = ModelFolder.DisplayName("gpu", directory);
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

    /// <summary>Gets the id of the token put before every input.</summary>
    public int BosTokenId { get; }

    /// <summary>Gets the most tokens the model reads at once.</summary>
    public int WindowSize { get; }

    /// <summary>Gets the fewest tokens of left context a scored token has when a text spans several windows.</summary>
    public int MinLeftContext { get; }

    /// <summary>Gets the accelerator's name, for example "NVIDIA H200" or "CPUAccelerator".</summary>
    public string DeviceName => _accelerator.Name;

    int IRowScorer.MaxInputTokens => _options.MaxInputTokens;

    /// <summary>Gets the matrix product in use ("cublas", "tiled" or "plain").</summary>
    internal string MatMulName => _forward.MatMulName;

    /// <summary>Gets or sets a profile that times every operation of the forward passes (slower); <see langword="null"/> for none.</summary>
    internal ForwardProfile? Profile
    {
        get => _forward.Profile;
        set => _forward.Profile = value;
    }

    /// <summary>Loads the built-in squeeze-mini model.</summary>
    /// <param name="options">Scorer settings; <see langword="null"/> for the defaults.</param>
    /// <returns>The scorer.</returns>
    /// <exception cref="ScorerException">The model is missing, or no device is available.</exception>
    public static GpuTokenScorer CreateBuiltIn(GpuScorerOptions? options = null) => Load(BuiltInModel.Directory, options);

    /// <summary>Loads a Hugging Face Llama folder.</summary>
    /// <param name="modelDirectory">The folder with config.json, model.safetensors and tokenizer.json.</param>
    /// <param name="options">Scorer settings; <see langword="null"/> for the defaults.</param>
    /// <returns>The scorer.</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="ScorerException">A file is missing or corrupt, the model is not a Llama, or no device is available.</exception>
    public static GpuTokenScorer Load(string modelDirectory, GpuScorerOptions? options = null)
    {
        options = (options ?? new GpuScorerOptions()).Clone();
        options.Validate();
        string directory = ModelFolder.Resolve(modelDirectory);

        LlamaConfig config = LlamaConfig.Read(Path.Combine(directory, "config.json"));
        string tokenizerPath = Path.Combine(directory, HfTokenizerLoader.FileName);
        (TextEncoder encoder, int tokenizerVocab) = HfTokenizerLoader.Load(tokenizerPath);
        if (tokenizerVocab > config.VocabSize || config.BosTokenId >= config.VocabSize)
        {
            throw new ScorerException(tokenizerPath, $"has {tokenizerVocab} tokens (begin token {config.BosTokenId}) for a model of {config.VocabSize}: the tokenizer does not belong to this model.");
        }

        SafetensorsFile weightsFile = SafetensorsFile.Open(Path.Combine(directory, "model.safetensors"));
        (Context context, Accelerator accelerator) = GpuDevice.Create(options);
        LlamaWeights? weights = null;
        try
        {
            weights = LlamaWeights.Load(accelerator, weightsFile, config);
            return new GpuTokenScorer(directory, encoder, config, context, accelerator, weights, options);
        }
        catch
        {
            weights?.Dispose();
            accelerator.Dispose();
            context.Dispose();
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
    public IScoringSession CreateSession()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return new RescoringSession(this);
    }

    /// <inheritdoc />
    /// <remarks>The sessions' rows run in one batch: one forward pass for all of them.</remarks>
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

        lock (_gate)
        {
            _forward.Dispose();
            _weights.Dispose();
            _accelerator.Dispose();
            _context.Dispose();
        }
    }

    /// <summary>Runs the rows in batches of similar length, each at most <see cref="GpuScorerOptions.MaxBatchTokens"/> padded tokens.</summary>
    void IRowScorer.RunRows(List<ScoreRow> rows, CancellationToken cancellationToken)
    {
        rows.Sort(static (a, b) => b.Length.CompareTo(a.Length));
        int i = 0;
        while (i < rows.Count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int rowLength = rows[i].Length;
            int batch = Math.Max(1, Math.Min(rows.Count - i, _options.MaxBatchTokens / rowLength));
            var ids = new int[batch * rowLength];
            var surprisal = new float[batch * rowLength];
            for (int b = 0; b < batch; b++)
            {
                ScoreRow row = rows[i + b];
                row.Ids.AsSpan(row.Start, row.Length).CopyTo(ids.AsSpan(b * rowLength));
                ids.AsSpan((b * rowLength) + row.Length, rowLength - row.Length).Fill(BosTokenId);
            }

            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed != 0, this);
                _forward.Run(ids, batch, rowLength, surprisal);
            }

            for (int b = 0; b < batch; b++)
            {
                ScoreRow row = rows[i + b];
                surprisal.AsSpan((b * rowLength) + row.ScoreFrom, row.Length - row.ScoreFrom).CopyTo(row.Destination.AsSpan(row.DestinationOffset));
            }

            i += batch;
        }
    }
}
