using System.Buffers;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Squeeze.Scoring;

/// <summary>
/// One ONNX graph that scores tokens: a Squeeze surprisal graph or a plain logits graph, with or without a key/value cache.
/// Thread-safe: every call builds its own inputs over pooled memory and its own <see cref="RunOptions"/>.
/// </summary>
internal sealed class ScoringGraph : IDisposable
{
    private const string InputIds = "input_ids";
    private const string AttentionMask = "attention_mask";
    private const string PositionIds = "position_ids";
    private const string UseCacheBranch = "use_cache_branch";

    private readonly InferenceSession _session;
    private readonly string _outputName;
    private readonly bool _hasMask;
    private readonly bool _hasPositions;
    private readonly bool _hasUseCacheBranch;
    private readonly string[] _pastKeys;
    private readonly string[] _pastValues;
    private readonly string[] _outputsWithPresents;
    private readonly string[] _mainOutputOnly;
    private readonly long _padId;

    private ScoringGraph(InferenceSession session, string path, GraphOutputKind kind, int padId, ModelManifest manifest)
    {
        _session = session;
        FilePath = path;
        Kind = kind;
        _padId = padId;
        _outputName = kind == GraphOutputKind.Surprisal ? "surprisal" : "logits";
        IReadOnlyDictionary<string, NodeMetadata> inputs = session.InputMetadata;
        IReadOnlyDictionary<string, NodeMetadata> outputs = session.OutputMetadata;
        if (!inputs.TryGetValue(InputIds, out NodeMetadata? ids) || ids.ElementDataType != TensorElementType.Int64)
        {
            throw new ScorerException(path, $"has no int64 input \"{InputIds}\" (inputs: {string.Join(", ", inputs.Keys)}).");
        }

        if (outputs[_outputName].ElementDataType != TensorElementType.Float)
        {
            throw new ScorerException(path, $"output \"{_outputName}\" is not float32.");
        }

        _hasMask = inputs.ContainsKey(AttentionMask);
        _hasPositions = inputs.ContainsKey(PositionIds);
        _hasUseCacheBranch = inputs.ContainsKey(UseCacheBranch);
        var keys = new List<string>();
        var values = new List<string>();
        var presents = new List<string> { _outputName };
        for (int i = 0; inputs.ContainsKey(string.Create(CultureInfo.InvariantCulture, $"past_key_values.{i}.key")); i++)
        {
            string k = string.Create(CultureInfo.InvariantCulture, $"past_key_values.{i}.key");
            string v = string.Create(CultureInfo.InvariantCulture, $"past_key_values.{i}.value");
            string pk = string.Create(CultureInfo.InvariantCulture, $"present.{i}.key");
            string pv = string.Create(CultureInfo.InvariantCulture, $"present.{i}.value");
            if (!inputs.ContainsKey(v) || !outputs.ContainsKey(pk) || !outputs.ContainsKey(pv))
            {
                throw new ScorerException(path, $"has input \"{k}\" but lacks \"{v}\", \"{pk}\" or \"{pv}\".");
            }

            if (inputs[k].ElementDataType != TensorElementType.Float)
            {
                throw new ScorerException(path, $"input \"{k}\" is not float32; only float32 caches are supported.");
            }

            keys.Add(k);
            values.Add(v);
            presents.Add(pk);
            presents.Add(pv);
        }

        _pastKeys = [.. keys];
        _pastValues = [.. values];
        _outputsWithPresents = [.. presents];
        _mainOutputOnly = [_outputName];
        foreach (string name in inputs.Keys)
        {
            if (name is not (InputIds or AttentionMask or PositionIds or UseCacheBranch) && !keys.Contains(name) && !values.Contains(name))
            {
                throw new ScorerException(path, $"has an input \"{name}\" that the scorer cannot fill (it fills input_ids, attention_mask, position_ids, past_key_values.N.key/value).");
            }
        }

        if (_pastKeys.Length > 0)
        {
            int[] dims = inputs[_pastKeys[0]].Dimensions;
            int? heads = dims.Length == 4 && dims[1] > 0 ? dims[1] : manifest.NumKeyValueHeads;
            int? headDim = dims.Length == 4 && dims[3] > 0 ? dims[3] : manifest.HeadDim;
            if (dims.Length != 4 || heads is not int h || headDim is not int d)
            {
                throw new ScorerException(path, $"cache input \"{_pastKeys[0]}\" is not [batch, heads, past, head_dim] with known heads and head_dim (set num_heads and head_dim in squeeze.json or config.json).");
            }

            KvHeads = h;
            HeadDim = d;
        }

        if (kind == GraphOutputKind.Logits)
        {
            int[] dims = outputs[_outputName].Dimensions;
            if (dims.Length != 3)
            {
                throw new ScorerException(path, $"output \"logits\" has rank {dims.Length}; expected [batch, seq, vocab].");
            }

            VocabSize = dims[2] > 0 ? dims[2] : manifest.VocabSize;
        }
        else
        {
            VocabSize = manifest.VocabSize;
        }
    }

    public string FilePath { get; }

    public GraphOutputKind Kind { get; }

    public bool HasPast => _pastKeys.Length > 0;

    public int Layers => _pastKeys.Length;

    public int KvHeads { get; }

    public int HeadDim { get; }

    public int? VocabSize { get; }

    public static ScoringGraph Open(string path, SessionOptions options, ModelManifest manifest, int padId)
    {
        if (!File.Exists(path))
        {
            throw new ScorerException(path, "is missing.");
        }

        InferenceSession session = OnnxSessions.Open(path, options);
        try
        {
            IReadOnlyDictionary<string, NodeMetadata> outputs = session.OutputMetadata;
            GraphOutputKind kind = outputs.ContainsKey("surprisal") ? GraphOutputKind.Surprisal
                : outputs.ContainsKey("logits") ? GraphOutputKind.Logits
                : throw new ScorerException(path, $"has neither a \"surprisal\" nor a \"logits\" output (outputs: {string.Join(", ", outputs.Keys)}).");
            return new ScoringGraph(session, path, kind, padId, manifest);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Scores a batch of rows in one pass (no cache), right-padding shorter rows.</summary>
    public void ScoreRows(ReadOnlySpan<ScoreRow> rows, CancellationToken cancellationToken)
    {
        int batch = rows.Length;
        int seq = 0;
        foreach (ScoreRow row in rows)
        {
            seq = Math.Max(seq, row.Length);
        }

        int n = batch * seq;
        long[] ids = ArrayPool<long>.Shared.Rent(n);
        long[] mask = ArrayPool<long>.Shared.Rent(n);
        long[] positions = ArrayPool<long>.Shared.Rent(n);
        try
        {
            for (int b = 0; b < batch; b++)
            {
                ScoreRow row = rows[b];
                int offset = b * seq;
                for (int t = 0; t < seq; t++)
                {
                    bool real = t < row.Length;
                    ids[offset + t] = real ? row.Ids[row.Start + t] : _padId;
                    mask[offset + t] = real ? 1 : 0;
                    positions[offset + t] = t;
                }
            }

            using IDisposableReadOnlyCollection<OrtValue> outputs = Run(ids, mask, positions, batch, seq, null, _mainOutputOnly, cancellationToken);
            OrtValue output = outputs.First();
            ReadOnlySpan<float> data = output.GetTensorDataAsSpan<float>();
            int vocab = Kind == GraphOutputKind.Logits ? checked((int)output.GetTensorTypeAndShape().Shape[2]) : 0;
            float[]? scratch = vocab > 0 ? ArrayPool<float>.Shared.Rent(vocab) : null;
            try
            {
                for (int b = 0; b < batch; b++)
                {
                    ScoreRow row = rows[b];
                    Span<float> destination = row.Destination.AsSpan(row.DestinationOffset, row.Length - row.ScoreFrom);
                    Extract(data, b * seq, row.Ids.AsSpan(row.Start, row.Length), row.ScoreFrom, vocab, scratch, destination);
                }
            }
            finally
            {
                if (scratch is not null)
                {
                    ArrayPool<float>.Shared.Return(scratch);
                }
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(ids);
            ArrayPool<long>.Shared.Return(mask);
            ArrayPool<long>.Shared.Return(positions);
        }
    }

    /// <summary>
    /// Feeds <paramref name="feed"/> after the cached positions and writes the surprisal of feed positions
    /// <c>[scoreFrom, feed.Length)</c> to <paramref name="destination"/>; when <paramref name="commit"/> is set, then caches every fed
    /// position but the last (otherwise the cache is left as it was).
    /// </summary>
    public void Step(ReadOnlySpan<int> feed, int scoreFrom, Span<float> destination, KvCache cache, bool commit, CancellationToken cancellationToken)
    {
        int seq = feed.Length;
        int past = cache.PastLength;
        int total = past + seq;
        if (total - 1 > cache.CapacityTokens)
        {
            throw new InvalidOperationException($"The cache holds at most {cache.CapacityTokens} positions; {total - 1} were asked for.");
        }

        long[] ids = ArrayPool<long>.Shared.Rent(seq);
        long[] mask = ArrayPool<long>.Shared.Rent(total);
        long[] positions = ArrayPool<long>.Shared.Rent(seq);
        try
        {
            for (int t = 0; t < seq; t++)
            {
                ids[t] = feed[t];
                positions[t] = past + t;
            }

            mask.AsSpan(0, total).Fill(1);
            using IDisposableReadOnlyCollection<OrtValue> outputs = Run(ids, mask, positions, 1, seq, cache, commit ? _outputsWithPresents : _mainOutputOnly, cancellationToken);
            OrtValue output = outputs.First();
            int vocab = Kind == GraphOutputKind.Logits ? checked((int)output.GetTensorTypeAndShape().Shape[2]) : 0;
            float[]? scratch = vocab > 0 ? ArrayPool<float>.Shared.Rent(vocab) : null;
            try
            {
                Extract(output.GetTensorDataAsSpan<float>(), 0, feed, scoreFrom, vocab, scratch, destination);
            }
            finally
            {
                if (scratch is not null)
                {
                    ArrayPool<float>.Shared.Return(scratch);
                }
            }

            if (!commit)
            {
                return;
            }

            int kept = total - 1;
            int d = cache.HeadDim;
            int layer = 0;
            int index = 0;
            foreach (OrtValue present in outputs)
            {
                if (index++ == 0)
                {
                    continue;
                }

                float[] target = (index % 2 == 0) ? cache.Keys[layer] : cache.Values[layer];
                ReadOnlySpan<float> source = present.GetTensorDataAsSpan<float>();
                for (int h = 0; h < cache.Heads; h++)
                {
                    source.Slice(h * total * d, kept * d).CopyTo(target.AsSpan(h * kept * d, kept * d));
                }

                if (index % 2 == 1)
                {
                    layer++;
                }
            }

            cache.PastLength = kept;
        }
        finally
        {
            ArrayPool<long>.Shared.Return(ids);
            ArrayPool<long>.Shared.Return(mask);
            ArrayPool<long>.Shared.Return(positions);
        }
    }

    public void Dispose() => _session.Dispose();

    private static void Extract(ReadOnlySpan<float> data, int rowOffset, ReadOnlySpan<int> ids, int scoreFrom, int vocab, float[]? scratch, Span<float> destination)
    {
        for (int p = scoreFrom; p < ids.Length; p++)
        {
            destination[p - scoreFrom] = vocab == 0
                ? data[rowOffset + p]
                : LogSoftmax.Surprisal(data.Slice((rowOffset + p - 1) * vocab, vocab), ids[p], scratch);
        }
    }

    private IDisposableReadOnlyCollection<OrtValue> Run(long[] ids, long[] mask, long[] positions, int batch, int seq, KvCache? cache, string[] outputNames, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        int past = cache?.PastLength ?? 0;
        var names = new List<string>(4 + (2 * _pastKeys.Length));
        var values = new List<OrtValue>(names.Capacity);
        try
        {
            OrtMemoryInfo cpu = OrtMemoryInfo.DefaultInstance;
            names.Add(InputIds);
            values.Add(OrtValue.CreateTensorValueFromMemory(cpu, new Memory<long>(ids, 0, batch * seq), [batch, seq]));
            if (_hasMask)
            {
                names.Add(AttentionMask);
                values.Add(OrtValue.CreateTensorValueFromMemory(cpu, new Memory<long>(mask, 0, batch * (past + seq)), [batch, past + seq]));
            }

            if (_hasPositions)
            {
                names.Add(PositionIds);
                values.Add(OrtValue.CreateTensorValueFromMemory(cpu, new Memory<long>(positions, 0, batch * seq), [batch, seq]));
            }

            if (_hasUseCacheBranch)
            {
                names.Add(UseCacheBranch);
                values.Add(OrtValue.CreateTensorValueFromMemory(new[] { past > 0 }, [1]));
            }

            for (int i = 0; i < _pastKeys.Length; i++)
            {
                names.Add(_pastKeys[i]);
                values.Add(PastValue(cache, cache?.Keys[i], batch, past));
                names.Add(_pastValues[i]);
                values.Add(PastValue(cache, cache?.Values[i], batch, past));
            }

            return OnnxSessions.Run(_session, FilePath, names, values, outputNames, cancellationToken);
        }
        finally
        {
            foreach (OrtValue value in values)
            {
                value.Dispose();
            }
        }
    }

    private OrtValue PastValue(KvCache? cache, float[]? buffer, int batch, int past)
    {
        long[] shape = [batch, KvHeads, past, HeadDim];
        if (past == 0 || cache is null || buffer is null)
        {
            shape[2] = 0;
            return OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, TensorElementType.Float, shape);
        }

        return OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, new Memory<float>(buffer, 0, KvHeads * past * HeadDim), shape);
    }
}
