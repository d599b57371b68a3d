using System.Buffers;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Squeeze.Scoring;

/// <summary>
/// The code-use classifier of a Squeeze model folder through ONNX Runtime: the built-in squeeze-mini fine-tuned (training/train_code_use.py)
/// to read a unit of code and a query as one sequence, the unit's first <see cref="MaxUnitTokens"/> tokens (of its first
/// <see cref="MaxUnitCharacters"/> characters), the end-of-text token, then the query's first <see cref="MaxQueryTokens"/> tokens, and give
/// the log-odds that the code the query describes uses the unit.
/// </summary>
/// <remarks>
/// The graph (<c>code-use.onnx</c>, or the "code_use" graph of squeeze.json) takes int64 <c>input_ids</c> and <c>attention_mask</c>
/// <c>[batch, seq]</c>, right-padded, and returns float <c>logit [batch]</c>. squeeze-mini's reads the weights it shares with the language
/// model from that model's surprisal.weights, so it adds about a megabyte to the folder. Thread-safe.
/// </remarks>
public sealed class OnnxCodeUseClassifier : ICodeUseClassifier, IDisposable
{
    /// <summary>The graph's file name when squeeze.json names none.</summary>
    public const string DefaultGraphFile = "code-use.onnx";

    /// <summary>The most tokens of a unit the classifier reads (what it was trained with).</summary>
    public const int MaxUnitTokens = 384;

    /// <summary>The most tokens of the query the classifier reads (what it was trained with).</summary>
    public const int MaxQueryTokens = 128;

    /// <summary>The most characters of a unit that are tokenized (what the training data kept of each unit).</summary>
    public const int MaxUnitCharacters = 2000;

    private const string InputIds = "input_ids";
    private const string AttentionMask = "attention_mask";
    private const string Logit = "logit";
    private static readonly string[] _outputNames = [Logit];
    private readonly InferenceSession _session;
    private readonly SessionOptions _sessionOptions;
    private readonly TextEncoder _encoder;
    private readonly OnnxScorerOptions _options;
    private readonly string _graphPath;
    private readonly int _separatorId;
    private readonly int _padId;
    private int _disposed;

    private OnnxCodeUseClassifier(string directory, string graphPath, InferenceSession session, SessionOptions sessionOptions, TextEncoder encoder, OnnxScorerOptions options, int separatorId, int padId)
    {
        ModelDirectory = directory;
        Name = ModelFolder.DisplayName("onnx-code-use", directory);
        _graphPath = graphPath;
        _session = session;
        _sessionOptions = sessionOptions;
        _encoder = encoder;
        _options = options;
        _separatorId = separatorId;
        _padId = padId;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Gets the model folder the classifier was loaded from.</summary>
    public string ModelDirectory { get; }

    /// <summary>Gets a value indicating whether the built-in model folder holds the code-use graph.</summary>
    public static bool IsBuiltInAvailable => BuiltInModel.IsAvailable && File.Exists(Path.Combine(BuiltInModel.Directory, DefaultGraphFile));

    /// <summary>Loads the code-use classifier of the built-in squeeze-mini model from <see cref="BuiltInModel.Directory"/>.</summary>
    /// <param name="options">Settings; <see cref="OnnxScorerOptions.ExecutionProvider"/>, threads and <see cref="OnnxScorerOptions.MaxBatchSize"/> apply.</param>
    /// <returns>The classifier.</returns>
    /// <exception cref="ScorerException">The built-in model or its code-use graph is missing or cannot be loaded.</exception>
    public static OnnxCodeUseClassifier CreateBuiltIn(OnnxScorerOptions? options = null) =>
        BuiltInModel.IsAvailable
            ? Load(BuiltInModel.Directory, options)
            : throw new ScorerException(BuiltInModel.Directory, "is missing or incomplete (no squeeze.json): the built-in squeeze-mini model was not deployed next to the application.");

    /// <summary>Loads the code-use classifier of a model folder.</summary>
    /// <param name="modelDirectory">The folder with tokenizer.json, config.json or squeeze.json, and the code-use graph.</param>
    /// <param name="options">Settings; <see cref="OnnxScorerOptions.ExecutionProvider"/>, threads, <see cref="OnnxScorerOptions.MaxBatchSize"/> and
    /// <see cref="OnnxScorerOptions.GraphFile"/> (the code-use graph's file name) apply.</param>
    /// <returns>The classifier.</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="ScorerException">A file is missing or corrupt, or the graph lacks the expected inputs or output.</exception>
    public static OnnxCodeUseClassifier Load(string modelDirectory, OnnxScorerOptions? options = null)
    {
        options = (options ?? new OnnxScorerOptions()).Clone();
        options.Validate();
        string directory = ModelFolder.Resolve(modelDirectory);

        ModelManifest manifest = ModelManifest.Read(directory);
        string graphPath = Path.Combine(directory, options.GraphFile ?? manifest.CodeUseGraph ?? DefaultGraphFile);
        if (!File.Exists(graphPath))
        {
            throw new ScorerException(graphPath, "is missing: the model folder has no code-use graph.");
        }

        int separatorId = manifest.EosTokenId ?? manifest.BosTokenId
            ?? throw new ScorerException(Path.Combine(directory, ModelManifest.ConfigFileName), "names no eos_token_id (nor bos_token_id); the classifier needs it between unit and query.");
        (TextEncoder encoder, _) = HfTokenizerLoader.Load(Path.Combine(directory, HfTokenizerLoader.FileName));
        SessionOptions sessionOptions = ExecutionProviders.CreateSessionOptions(options);
        InferenceSession? session = null;
        try
        {
            session = OnnxSessions.Open(graphPath, sessionOptions);

            CheckGraph(session, graphPath);
            return new OnnxCodeUseClassifier(directory, graphPath, session, sessionOptions, encoder, options, separatorId, manifest.PadTokenId ?? separatorId);
        }
        catch
        {
            session?.Dispose();
            sessionOptions.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public Task<float[]> ClassifyAsync(string query, IReadOnlyList<string> units, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(units);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        for (int i = 0; i < units.Count; i++)
        {
            if (units[i] is null)
            {
                throw new ArgumentException($"Unit {i} is null.", nameof(units));
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return units.Count == 0 ? Task.FromResult(Array.Empty<float>()) : Task.Run(() => Classify(query, units, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _session.Dispose();
            _sessionOptions.Dispose();
        }
    }

    private static void CheckGraph(InferenceSession session, string path)
    {
        IReadOnlyDictionary<string, NodeMetadata> inputs = session.InputMetadata;
        foreach (string name in (string[])[InputIds, AttentionMask])
        {
            if (!inputs.TryGetValue(name, out NodeMetadata? input) || input.ElementDataType != TensorElementType.Int64)
            {
                throw new ScorerException(path, $"has no int64 input \"{name}\" (inputs: {string.Join(", ", inputs.Keys)}); a code-use graph takes input_ids and attention_mask.");
            }
        }

        if (inputs.Count != 2)
        {
            throw new ScorerException(path, $"has inputs the classifier cannot fill ({string.Join(", ", inputs.Keys)}); a code-use graph takes input_ids and attention_mask.");
        }

        if (!session.OutputMetadata.TryGetValue(Logit, out NodeMetadata? output) || output.ElementDataType != TensorElementType.Float || output.Dimensions.Length != 1)
        {
            throw new ScorerException(path, $"has no float output \"{Logit}\" of shape [batch] (outputs: {string.Join(", ", session.OutputMetadata.Keys)}).");
        }
    }

    /// <summary>The sequence the classifier reads: the unit's first <see cref="MaxUnitTokens"/> ids, the separator, the query's first <see cref="MaxQueryTokens"/> ids.</summary>
    internal static int[] BuildRow(ReadOnlySpan<int> unitIds, ReadOnlySpan<int> queryIds, int separatorId)
    {
        unitIds = unitIds[..Math.Min(unitIds.Length, MaxUnitTokens)];
        queryIds = queryIds[..Math.Min(queryIds.Length, MaxQueryTokens)];
        var row = new int[unitIds.Length + 1 + queryIds.Length];
        unitIds.CopyTo(row);
        row[unitIds.Length] = separatorId;
        queryIds.CopyTo(row.AsSpan(unitIds.Length + 1));
        return row;
    }

    /// <summary>Runs the graph over token rows, batching rows of like length (so little is padded).</summary>
    internal float[] ClassifyRows(int[][] rows, CancellationToken cancellationToken)
    {
        var order = new int[rows.Length];
        var lengths = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            order[i] = i;
            lengths[i] = rows[i].Length;
        }

        Array.Sort(lengths, order);
        var logits = new float[rows.Length];
        for (int first = 0; first < order.Length; first += _options.MaxBatchSize)
        {
            RunBatch(rows, order.AsSpan(first, Math.Min(_options.MaxBatchSize, order.Length - first)), logits, cancellationToken);
        }

        return logits;
    }

    private float[] Classify(string query, IReadOnlyList<string> units, CancellationToken cancellationToken)
    {
        int[] queryIds = _encoder.EncodeIds(query);
        var rows = new int[units.Count][];
        for (int i = 0; i < rows.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string unit = units[i];
            if (unit.Length > MaxUnitCharacters)
            {
                unit = unit[..(char.IsHighSurrogate(unit[MaxUnitCharacters - 1]) ? MaxUnitCharacters - 1 : MaxUnitCharacters)];
            }

            rows[i] = BuildRow(_encoder.EncodeIds(unit), queryIds, _separatorId);
        }

        return ClassifyRows(rows, cancellationToken);
    }

    private void RunBatch(int[][] rows, ReadOnlySpan<int> members, float[] logits, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        int batch = members.Length;
        int seq = 0;
        foreach (int m in members)
        {
            seq = Math.Max(seq, rows[m].Length);
        }

        int n = batch * seq;
        long[] ids = ArrayPool<long>.Shared.Rent(n);
        long[] mask = ArrayPool<long>.Shared.Rent(n);
        OrtValue? idsValue = null;
        OrtValue? maskValue = null;
        try
        {
            for (int b = 0; b < batch; b++)
            {
                int[] row = rows[members[b]];
                for (int t = 0; t < seq; t++)
                {
                    bool real = t < row.Length;
                    ids[(b * seq) + t] = real ? row[t] : _padId;
                    mask[(b * seq) + t] = real ? 1 : 0;
                }
            }

            long[] shape = [batch, seq];
            idsValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, new Memory<long>(ids, 0, n), shape);
            maskValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, new Memory<long>(mask, 0, n), shape);
            using (IDisposableReadOnlyCollection<OrtValue> outputs = OnnxSessions.Run(_session, _graphPath, [InputIds, AttentionMask], [idsValue, maskValue], _outputNames, cancellationToken))
            {
                ReadOnlySpan<float> data = outputs.First().GetTensorDataAsSpan<float>();
                if (data.Length != batch)
                {
                    throw new ScorerException(_graphPath, $"returned {data.Length} logits for a batch of {batch}.");
                }

                for (int b = 0; b < batch; b++)
                {
                    logits[members[b]] = data[b];
                }
            }
        }
        finally
        {
            idsValue?.Dispose();
            maskValue?.Dispose();
            ArrayPool<long>.Shared.Return(ids);
            ArrayPool<long>.Shared.Return(mask);
        }
    }
}
