using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Squeeze.Scoring;

/// <summary>
/// An LLMLingua-2 style scorer: a BERT-like token-classification model (ONNX, <c>logits [batch, seq, labels]</c>) gives every token
/// the probability that it should be kept. Each token's value in <see cref="TokenScores.Surprisal"/> is the keep probability
/// (0 to 1, higher = keep) averaged over the tokens of its word, so whole words are kept or dropped together.
/// </summary>
/// <remarks>
/// The model reads the text on its own (bidirectionally): <see cref="ScoringInput.Prefix"/> is ignored. Texts longer than
/// <see cref="WindowSize"/> are cut at word starts into windows, each framed by [CLS] ... [SEP], without overlap, as LLMLingua-2 does.
/// Loads a folder with <c>model.onnx</c>, <c>config.json</c> (max_position_embeddings, id2label) and <c>vocab.txt</c> or a WordPiece
/// <c>tokenizer.json</c>. Pair it with <c>LlmLingua2Compressor</c> in Squeeze.TokenPruning. Thread-safe.
/// </remarks>
public sealed class OnnxTokenClassifierScorer : ITokenScorer, IDisposable
{
    private const string InputIds = "input_ids";
    private const string AttentionMask = "attention_mask";
    private const string TokenTypeIds = "token_type_ids";
    private static readonly string[] _graphCandidates = ["model.onnx", "onnx/model.onnx"];
    private readonly InferenceSession _session;
    private readonly SessionOptions _sessionOptions;
    private readonly WordPieceEncoder _encoder;
    private readonly OnnxScorerOptions _options;
    private readonly string _graphPath;
    private readonly bool _hasMask;
    private readonly bool _hasTypes;
    private readonly string[] _outputNames;
    private int _disposed;

    private OnnxTokenClassifierScorer(string directory, string graphPath, InferenceSession session, SessionOptions sessionOptions, WordPieceEncoder encoder, OnnxScorerOptions options, int windowSize, int keepLabel)
    {
        ModelDirectory = directory;
        Name = ModelFolder.DisplayName("onnx-classifier", directory);
        _graphPath = graphPath;
        _session = session;
        _sessionOptions = sessionOptions;
        _encoder = encoder;
        _options = options;
        WindowSize = windowSize;
        KeepLabel = keepLabel;
        _hasMask = session.InputMetadata.ContainsKey(AttentionMask);
        _hasTypes = session.InputMetadata.ContainsKey(TokenTypeIds);
        _outputNames = [session.OutputNames[0]];
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Gets the model folder the scorer was loaded from.</summary>
    public string ModelDirectory { get; }

    /// <summary>Gets the most tokens one window holds, [CLS] and [SEP] included.</summary>
    public int WindowSize { get; }

    /// <summary>Gets the index of the "keep" label among the model's outputs.</summary>
    public int KeepLabel { get; }

    /// <summary>Loads a token-classification model folder.</summary>
    /// <param name="modelDirectory">The folder.</param>
    /// <param name="options">Settings: <see cref="OnnxScorerOptions.ExecutionProvider"/>, threads, <see cref="OnnxScorerOptions.WindowSize"/>,
    /// <see cref="OnnxScorerOptions.MaxBatchSize"/>, <see cref="OnnxScorerOptions.MaxInputTokens"/> and <see cref="OnnxScorerOptions.GraphFile"/> apply.</param>
    /// <returns>The scorer.</returns>
    /// <exception cref="ScorerException">A file is missing or corrupt, or the graph is not a token classifier.</exception>
    public static OnnxTokenClassifierScorer Load(string modelDirectory, OnnxScorerOptions? options = null)
    {
        options = (options ?? new OnnxScorerOptions()).Clone();
        options.Validate();
        string directory = ModelFolder.Resolve(modelDirectory);

        (int maxPositions, int? keepFromConfig, int? labels) = ReadConfig(Path.Combine(directory, ModelManifest.ConfigFileName));
        WordPieceEncoder encoder = WordPieceEncoder.Load(directory);
        string graphPath = options.GraphFile is not null ? Path.Combine(directory, options.GraphFile)
            : Array.Find(_graphCandidates, c => File.Exists(Path.Combine(directory, c))) is string found ? Path.Combine(directory, found)
            : throw new ScorerException(Path.Combine(directory, _graphCandidates[0]), "is missing: a token-classification model folder needs model.onnx.");
        if (!File.Exists(graphPath))
        {
            throw new ScorerException(graphPath, "is missing.");
        }

        SessionOptions sessionOptions = ExecutionProviders.CreateSessionOptions(options);
        InferenceSession? session = null;
        try
        {
            session = OnnxSessions.Open(graphPath, sessionOptions);

            int keep = CheckGraph(session, graphPath, keepFromConfig, labels);
            int windowSize = Math.Min(options.WindowSize > 0 ? options.WindowSize : maxPositions, maxPositions);
            if (windowSize < 3)
            {
                throw new ScorerException(graphPath, $"allows windows of {windowSize} tokens; at least 3 ([CLS], one token, [SEP]) are needed.");
            }

            return new OnnxTokenClassifierScorer(directory, graphPath, session, sessionOptions, encoder, options, windowSize, keep);
        }
        catch
        {
            session?.Dispose();
            sessionOptions.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    /// <remarks>Prefixes are ignored: the classifier judges each text on its own.</remarks>
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
            : Task.Run<IReadOnlyList<TokenScores>>(() => Score(inputs, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>The session only collects text; each call is scored on its own, as the classifier ignores prefixes.</remarks>
    public IScoringSession CreateSession()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return new PrefixScoringSession(this, maxPrefixLength: 0);
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

    private TokenScores[] Score(IReadOnlyList<ScoringInput> inputs, CancellationToken cancellationToken)
    {
        var results = new TokenScores[inputs.Count];
        var ids = new List<int>();
        var spans = new List<TextSpan>();
        var words = new List<int>();
        for (int i = 0; i < inputs.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string text = inputs[i].Text;
            ids.Clear();
            spans.Clear();
            words.Clear();
            _encoder.Encode(text, ids, spans, words);
            if (ids.Count > _options.MaxInputTokens)
            {
                throw new ScorerException(string.Create(CultureInfo.InvariantCulture, $"Input {i} has {ids.Count} tokens, more than MaxInputTokens = {_options.MaxInputTokens}."));
            }

            int[] tokenIds = [.. ids];
            float[] keep = new float[tokenIds.Length];
            ScoreWindows(tokenIds, words, keep, cancellationToken);
            AverageOverWords(words, keep);
            results[i] = new TokenScores(text, tokenIds, [.. spans], keep);
        }

        return results;
    }

    /// <summary>Cuts the tokens into windows of at most <see cref="WindowSize"/> − 2 tokens, at word starts where possible, and classifies them in batches.</summary>
    private void ScoreWindows(int[] ids, List<int> words, float[] keep, CancellationToken cancellationToken)
    {
        int capacity = WindowSize - 2;
        var starts = new List<int>();
        int at = 0;
        while (at < ids.Length)
        {
            starts.Add(at);
            int end = Math.Min(ids.Length, at + capacity);
            if (end < ids.Length)
            {
                // Back up to the start of the word that the window would cut; a word longer than a window is cut inside.
                int cut = end;
                while (cut > at && words[cut] == words[cut - 1])
                {
                    cut--;
                }

                end = cut > at ? cut : end;
            }

            at = end;
        }

        starts.Add(ids.Length);
        for (int w = 0; w < starts.Count - 1; w += _options.MaxBatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int batch = Math.Min(_options.MaxBatchSize, starts.Count - 1 - w);
            RunBatch(ids, starts, w, batch, keep, cancellationToken);
        }
    }

    private void RunBatch(int[] ids, List<int> starts, int first, int batch, float[] keep, CancellationToken cancellationToken)
    {
        int seq = 0;
        for (int b = 0; b < batch; b++)
        {
            seq = Math.Max(seq, starts[first + b + 1] - starts[first + b] + 2);
        }

        int n = batch * seq;
        long[] input = ArrayPool<long>.Shared.Rent(n);
        long[] mask = ArrayPool<long>.Shared.Rent(n);
        long[] types = ArrayPool<long>.Shared.Rent(n);
        var values = new List<OrtValue>(3);
        try
        {
            Array.Clear(types, 0, n);
            for (int b = 0; b < batch; b++)
            {
                int from = starts[first + b];
                int length = starts[first + b + 1] - from;
                int row = b * seq;
                input[row] = _encoder.ClsId;
                for (int t = 0; t < length; t++)
                {
                    input[row + 1 + t] = ids[from + t];
                }

                input[row + 1 + length] = _encoder.SepId;
                for (int t = 0; t < seq; t++)
                {
                    mask[row + t] = t < length + 2 ? 1 : 0;
                    if (t >= length + 2)
                    {
                        input[row + t] = _encoder.PadId;
                    }
                }
            }

            var names = new List<string>(3) { InputIds };
            long[] shape = [batch, seq];
            values.Add(OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, new Memory<long>(input, 0, n), shape));
            if (_hasMask)
            {
                names.Add(AttentionMask);
                values.Add(OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, new Memory<long>(mask, 0, n), shape));
            }

            if (_hasTypes)
            {
                names.Add(TokenTypeIds);
                values.Add(OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, new Memory<long>(types, 0, n), shape));
            }

            using (IDisposableReadOnlyCollection<OrtValue> outputs = OnnxSessions.Run(_session, _graphPath, names, values, _outputNames, cancellationToken))
            {
                OrtValue logits = outputs.First();
                long[] outShape = logits.GetTensorTypeAndShape().Shape;
                if (outShape.Length != 3 || outShape[0] != batch || outShape[1] != seq || outShape[2] <= KeepLabel)
                {
                    throw new ScorerException(_graphPath, $"returned logits of shape [{string.Join(", ", outShape)}]; expected [{batch}, {seq}, > {KeepLabel}].");
                }

                int labels = (int)outShape[2];
                ReadOnlySpan<float> data = logits.GetTensorDataAsSpan<float>();
                for (int b = 0; b < batch; b++)
                {
                    int from = starts[first + b];
                    int length = starts[first + b + 1] - from;
                    for (int t = 0; t < length; t++)
                    {
                        keep[from + t] = KeepProbability(data.Slice(((b * seq) + 1 + t) * labels, labels));
                    }
                }
            }
        }
        finally
        {
            foreach (OrtValue value in values)
            {
                value.Dispose();
            }

            ArrayPool<long>.Shared.Return(input);
            ArrayPool<long>.Shared.Return(mask);
            ArrayPool<long>.Shared.Return(types);
        }
    }

    private float KeepProbability(ReadOnlySpan<float> logits)
    {
        float max = float.NegativeInfinity;
        foreach (float l in logits)
        {
            max = Math.Max(max, l);
        }

        double sum = 0;
        foreach (float l in logits)
        {
            sum += Math.Exp(l - max);
        }

        return (float)(Math.Exp(logits[KeepLabel] - max) / sum);
    }

    private static void AverageOverWords(List<int> words, float[] keep)
    {
        int start = 0;
        while (start < keep.Length)
        {
            int end = start + 1;
            double sum = keep[start];
            while (end < keep.Length && words[end] == words[start])
            {
                sum += keep[end++];
            }

            float mean = (float)(sum / (end - start));
            keep.AsSpan(start, end - start).Fill(mean);
            start = end;
        }
    }

    private static int CheckGraph(InferenceSession session, string path, int? keepFromConfig, int? labels)
    {
        IReadOnlyDictionary<string, NodeMetadata> inputs = session.InputMetadata;
        if (!inputs.TryGetValue(InputIds, out NodeMetadata? ids) || ids.ElementDataType != TensorElementType.Int64)
        {
            throw new ScorerException(path, $"has no int64 input \"{InputIds}\" (inputs: {string.Join(", ", inputs.Keys)}).");
        }

        foreach (string name in inputs.Keys)
        {
            if (name is not (InputIds or AttentionMask or TokenTypeIds))
            {
                throw new ScorerException(path, $"has an input \"{name}\" that the classifier cannot fill (it fills input_ids, attention_mask, token_type_ids).");
            }
        }

        NodeMetadata output = session.OutputMetadata[session.OutputNames[0]];
        if (output.ElementDataType != TensorElementType.Float || output.Dimensions.Length != 3)
        {
            throw new ScorerException(path, $"output \"{session.OutputNames[0]}\" is not float32 [batch, seq, labels]: not a token-classification graph.");
        }

        int graphLabels = output.Dimensions[2] > 0 ? output.Dimensions[2] : labels ?? 2;
        int keep = keepFromConfig ?? 1;
        if (graphLabels < 2 || keep >= graphLabels)
        {
            throw new ScorerException(path, $"has {graphLabels} labels; a keep/drop classifier needs at least 2 and the keep label ({keep}) among them.");
        }

        return keep;
    }

    /// <summary>Reads max_position_embeddings (default 512) and, from id2label, the index of a label named keep, preserve or 1.</summary>
    private static (int MaxPositions, int? Keep, int? Labels) ReadConfig(string path)
    {
        if (!File.Exists(path))
        {
            throw new ScorerException(path, "is missing: a model folder needs config.json.");
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(path));
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ScorerException(path, "is not a JSON object.");
            }

            int maxPositions = root.TryGetProperty("max_position_embeddings", out JsonElement mp) && mp.ValueKind == JsonValueKind.Number && mp.TryGetInt32(out int m) && m > 0 ? m : 512;
            int? keep = null;
            int? labels = null;
            if (root.TryGetProperty("id2label", out JsonElement id2label) && id2label.ValueKind == JsonValueKind.Object)
            {
                labels = 0;
                foreach (JsonProperty label in id2label.EnumerateObject())
                {
                    labels++;
                    string name = label.Value.ValueKind == JsonValueKind.String ? label.Value.GetString() ?? string.Empty : string.Empty;
                    if (int.TryParse(label.Name, NumberStyles.None, CultureInfo.InvariantCulture, out int id)
                        && (name.Equals("keep", StringComparison.OrdinalIgnoreCase) || name.Equals("preserve", StringComparison.OrdinalIgnoreCase)))
                    {
                        keep = id;
                    }
                }
            }

            return (maxPositions, keep, labels);
        }
        catch (Exception ex) when (ex is JsonException or IOException or InvalidOperationException)
        {
            throw new ScorerException(path, $"is not valid JSON ({ex.Message}).", ex);
        }
    }
}
