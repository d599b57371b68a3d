using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using Squeeze.Scoring.Gpu.Kernels;

namespace Squeeze.Scoring.Gpu;

/// <summary>
/// The Llama forward pass on an ILGPU accelerator, from token ids to per-token surprisal, one kernel per operation (after llm.c):
/// embedding, then per layer RMSNorm → q/k/v projections → RoPE → causal attention → output projection → residual, RMSNorm →
/// gate/up projections → SwiGLU → down projection → residual; then the final RMSNorm, the logits and their log-softmax at the next token.
/// On GPUs the row-wise operations run one group per row and, when libcublas loads, the matrix products and attention's two
/// products go to cuBLAS (<see cref="CublasMatMul"/>); ILGPU's CPU accelerator runs the one-thread-per-row kernels.
/// Not thread-safe: <see cref="GpuTokenScorer"/> serialises calls.
/// </summary>
internal sealed class LlamaForward : IDisposable
{
    private readonly Accelerator _accelerator;
    private readonly LlamaConfig _c;
    private readonly LlamaWeights _w;
    private readonly Action<Index1D, ArrayView<int>, ArrayView<float>, ArrayView<float>, int> _embedding;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, float>? _rmsNorm;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, float>? _groupedRmsNorm;
    private readonly CublasMatMul? _cublas;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int>? _tiledMatMul;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int> _matMul;
    private readonly Action<Index1D, ArrayView<float>, int, int, int, float> _rope;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int, int>? _attention;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int, int>? _groupedAttention;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>> _swiGlu;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>> _residual;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, int, int>? _surprisal;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<int>, ArrayView<float>, int, int>? _groupedSurprisal;
    private readonly Action<KernelConfig, ArrayView<float>, int>? _causalSoftmax;
    private Workspace? _workspace;
    private MemoryBuffer1D<float, Stride1D.Dense>? _scores;

    public LlamaForward(Accelerator accelerator, LlamaConfig config, LlamaWeights weights)
    {
        _accelerator = accelerator;
        _c = config;
        _w = weights;
        _embedding = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<int>, ArrayView<float>, ArrayView<float>, int>(EmbeddingKernel.Run);
        _matMul = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>(MatMulKernel.Run);
        if (accelerator is CudaAccelerator cuda)
        {
            _cublas = CublasMatMul.TryCreate(cuda);
        }

        _tiledMatMul = accelerator.AcceleratorType == AcceleratorType.CPU || _cublas is not null
            ? null
            : accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int>(TiledMatMulKernel.Run);
        _rope = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, int, int, int, float>(RopeKernel.Run);
        _swiGlu = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>>(SwiGluKernel.Run);
        _residual = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>>(ResidualAddKernel.Run);

        // GPUs run the kernels with one group per row; ILGPU's CPU accelerator (the tests) the ones with one thread per row, whose
        // results they are checked against, because simulated group barriers cost more there than they save.
        if (accelerator.AcceleratorType == AcceleratorType.CPU)
        {
            _rmsNorm = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, float>(RmsNormKernel.Run);
            _attention = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int, int>(AttentionKernel.Run);
            _surprisal = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, int, int>(SurprisalKernel.Run);
        }
        else
        {
            _groupedRmsNorm = accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, int, float>(GroupedRmsNormKernel.Run);
            if (_cublas is null)
            {
                _groupedAttention = accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int, int>(GroupedAttentionKernel.Run);
            }
            else
            {
                _causalSoftmax = accelerator.LoadStreamKernel<ArrayView<float>, int>(CausalSoftmaxKernel.Run);
            }

            _groupedSurprisal = accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<int>, ArrayView<float>, int, int>(GroupedSurprisalKernel.Run);
        }
    }

    /// <summary>Gets the matrix product in use: "cublas", "tiled" (the shared-memory kernel) or "plain" (the CPU accelerator's).</summary>
    public string MatMulName => _cublas is not null ? "cublas" : _tiledMatMul is not null ? "tiled" : "plain";

    /// <summary>Gets or sets a profile that times every operation (see <see cref="ForwardProfile"/>); <see langword="null"/> to run at full speed.</summary>
    public ForwardProfile? Profile { get; set; }

    /// <summary>Runs <paramref name="rows"/> rows of <paramref name="rowLength"/> tokens each (right-padded) and returns the surprisal of every position.</summary>
    /// <param name="ids">rows × rowLength token ids.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="rowLength">The padded length of every row.</param>
    /// <param name="surprisal">Receives rows × rowLength values (0 at each row's first position).</param>
    public void Run(int[] ids, int rows, int rowLength, float[] surprisal)
    {
        int n = rows * rowLength;
        Workspace s = Ensure(n);
        LlamaConfig c = _c;
        int d = c.HiddenSize;
        int qWidth = c.Heads * c.HeadDim;
        int kvWidth = c.KvHeads * c.HeadDim;
        Profile?.Start();
        s.Ids.View.BaseView.SubView(0, n).CopyFromCPU(ids.AsSpan(0, n));
        Mark("copy-in");
        _embedding(n * d, s.Ids.View, _w.Embedding, s.X.View, d);
        Mark("embedding");
        foreach (LlamaWeights.LayerWeights layer in _w.Layers)
        {
            RmsNorm(s.X.View, layer.AttentionNorm, s.H.View, n);
            Mark("rmsnorm");
            MatMul(s.H.View, layer.Q, s.Q.View, n, d, qWidth);
            MatMul(s.H.View, layer.K, s.K.View, n, d, kvWidth);
            MatMul(s.H.View, layer.V, s.V.View, n, d, kvWidth);
            Mark("matmul-qkv");
            _rope(n * c.Heads * (c.HeadDim / 2), s.Q.View, c.Heads, c.HeadDim, rowLength, c.RopeTheta);
            _rope(n * c.KvHeads * (c.HeadDim / 2), s.K.View, c.KvHeads, c.HeadDim, rowLength, c.RopeTheta);
            Mark("rope");
            Attention(s, rows, rowLength);

            Mark("attention");
            MatMul(s.Attention.View, layer.O, s.H.View, n, qWidth, d);
            Mark("matmul-o");
            _residual(n * d, s.X.View, s.H.View);
            RmsNorm(s.X.View, layer.MlpNorm, s.H.View, n);
            Mark("rmsnorm");
            MatMul(s.H.View, layer.Gate, s.Gate.View, n, d, c.IntermediateSize);
            MatMul(s.H.View, layer.Up, s.Up.View, n, d, c.IntermediateSize);
            _swiGlu(n * c.IntermediateSize, s.Gate.View, s.Up.View);
            MatMul(s.Gate.View, layer.Down, s.H.View, n, c.IntermediateSize, d);
            _residual(n * d, s.X.View, s.H.View);
            Mark("mlp");
        }

        RmsNorm(s.X.View, _w.FinalNorm, s.H.View, n);
        MatMul(s.H.View, _w.LmHead, s.Logits.View, n, d, c.VocabSize);
        Mark("lm-head");
        if (_groupedSurprisal is null)
        {
            _surprisal!(n, s.Logits.View, s.Ids.View, s.Surprisal.View, c.VocabSize, rowLength);
        }
        else
        {
            _groupedSurprisal(GroupedSurprisalKernel.Config(n), s.Logits.View, s.Ids.View, s.Surprisal.View, c.VocabSize, rowLength);
        }

        Mark("surprisal");
        s.Surprisal.View.BaseView.SubView(0, n).CopyToCPU(surprisal.AsSpan(0, n));
        Mark("copy-out");
    }

    public void Dispose()
    {
        _workspace?.Dispose();
        _scores?.Dispose();
        _cublas?.Dispose();
    }

    /// <summary>With a profile attached, waits for the device and charges the time since the last mark to <paramref name="operation"/>.</summary>
    private void Mark(string operation)
    {
        if (Profile is { } profile)
        {
            _accelerator.Synchronize();
            profile.Add(operation);
        }
    }

    /// <summary>
    /// Causal attention of every head: with cuBLAS, per head the scaled scores of all (query, key) pairs of each row in one batched
    /// product, the causal softmax over them, and the weighted values in a second product; else one kernel.
    /// </summary>
    private void Attention(Workspace s, int rows, int rowLength)
    {
        LlamaConfig c = _c;
        int n = rows * rowLength;
        if (_cublas is null || _causalSoftmax is null)
        {
            if (_groupedAttention is null)
            {
                _attention!(n * c.Heads, s.Q.View, s.K.View, s.V.View, s.Attention.View, c.Heads, c.KvHeads, c.HeadDim, rowLength);
            }
            else
            {
                _groupedAttention(GroupedAttentionKernel.Config(n, c.Heads, rowLength), s.Q.View, s.K.View, s.V.View, s.Attention.View, c.Heads, c.KvHeads, c.HeadDim, rowLength);
            }

            return;
        }

        int headDim = c.HeadDim;
        int qStride = c.Heads * headDim;
        int kvStride = c.KvHeads * headDim;
        long square = (long)rowLength * rowLength;
        ArrayView<float> scores = EnsureScores(rows * c.Heads * square);
        ArrayView<float> q = s.Q.View;
        ArrayView<float> k = s.K.View;
        ArrayView<float> v = s.V.View;
        ArrayView<float> output = s.Attention.View;
        float scale = 1f / MathF.Sqrt(headDim);

        // One batched product per head over the rows, or, when there are fewer rows than heads and every head has its own key/value
        // head, one per row over the heads: fewer calls either way.
        bool byRow = rows < c.Heads && c.KvHeads == c.Heads;
        int calls = byRow ? rows : c.Heads;
        int batch = byRow ? c.Heads : rows;
        int kvGroup = c.Heads / c.KvHeads;
        long qBlock = rowLength * (long)qStride;
        long kvBlock = rowLength * (long)kvStride;
        for (int i = 0; i < calls; i++)
        {
            int kvIndex = byRow ? i : i / kvGroup;
            _cublas.Multiply(
                Slice(q, byRow, i, qStride, qBlock, headDim), Slice(k, byRow, kvIndex, kvStride, kvBlock, headDim), transposeB: true,
                ScoreSlice(scores, byRow, i, rowLength, c.Heads), rowLength, headDim, rowLength, batch, scale);
        }

        _causalSoftmax(CausalSoftmaxKernel.Config(rows * c.Heads * (long)rowLength), scores, rowLength);
        for (int i = 0; i < calls; i++)
        {
            int kvIndex = byRow ? i : i / kvGroup;
            _cublas.Multiply(
                ScoreSlice(scores, byRow, i, rowLength, c.Heads), Slice(v, byRow, kvIndex, kvStride, kvBlock, headDim), transposeB: false,
                Slice(output, byRow, i, qStride, qBlock, headDim), rowLength, rowLength, headDim, batch, 1f);
        }
    }

    /// <summary>
    /// The [rowLength, headDim] matrices (row stride <paramref name="rowStride"/>) of row <paramref name="index"/> across the heads
    /// when <paramref name="byRow"/>, else of head <paramref name="index"/> across the rows.
    /// </summary>
    private static StridedMatrices Slice(ArrayView<float> view, bool byRow, int index, int rowStride, long rowBlock, int headDim) =>
        byRow ? new(From(view, index * rowBlock), rowStride, headDim) : new(From(view, (long)index * headDim), rowStride, rowBlock);

    /// <summary>The [rowLength, rowLength] score matrices of head i across the rows, or of row i across the heads.</summary>
    private static StridedMatrices ScoreSlice(ArrayView<float> scores, bool byRow, int i, int rowLength, int heads)
    {
        long square = (long)rowLength * rowLength;
        return byRow ? new(From(scores, i * heads * square), rowLength, square) : new(From(scores, i * square), rowLength, heads * square);
    }

    private static ArrayView<float> From(ArrayView<float> view, long offset) => view.SubView(offset, view.Length - offset);

    /// <summary>Grows the attention-score buffer (cuBLAS attention only) to <paramref name="length"/> values; kept for later calls.</summary>
    private ArrayView<float> EnsureScores(long length)
    {
        if (_scores is null || _scores.Length < length)
        {
            _scores?.Dispose();
            _scores = null;
            _scores = _accelerator.Allocate1D<float>(length);
        }

        return _scores.View;
    }

    private void RmsNorm(ArrayView<float> x, ArrayView<float> weight, ArrayView<float> y, int rows)
    {
        if (_groupedRmsNorm is null)
        {
            _rmsNorm!(rows, x, weight, y, _c.HiddenSize, _c.RmsNormEps);
        }
        else
        {
            _groupedRmsNorm(GroupedRmsNormKernel.Config(rows), x, weight, y, _c.HiddenSize, _c.RmsNormEps);
        }
    }

    /// <summary>c = a · wᵀ: cuBLAS where it loads, else tiled through shared memory on GPUs; one thread per output on the CPU accelerator.</summary>
    private void MatMul(ArrayView<float> a, ArrayView<float> w, ArrayView<float> c, int rows, int inner, int columns)
    {
        if (_cublas is not null)
        {
            _cublas.Run(a, w, c, rows, inner, columns);
        }
        else if (_tiledMatMul is null)
        {
            _matMul(rows * columns, a, w, c, inner, columns);
        }
        else
        {
            _tiledMatMul(TiledMatMulKernel.Config(rows, columns), a, w, c, rows, inner, columns);
        }
    }

    /// <summary>Grows the activation buffers to hold <paramref name="tokens"/> tokens (they are kept for later calls).</summary>
    private Workspace Ensure(int tokens)
    {
        if (_workspace is { } existing && existing.Tokens >= tokens)
        {
            return existing;
        }

        _workspace?.Dispose();
        _workspace = null;
        _workspace = new Workspace(_accelerator, _c, tokens);
        return _workspace;
    }

    /// <summary>The activations of one forward pass over up to <see cref="Tokens"/> tokens.</summary>
    private sealed class Workspace : IDisposable
    {
        public Workspace(Accelerator a, LlamaConfig c, int tokens)
        {
            Tokens = tokens;
            long n = tokens;
            Ids = a.Allocate1D<int>(n);
            X = a.Allocate1D<float>(n * c.HiddenSize);
            H = a.Allocate1D<float>(n * c.HiddenSize);
            Q = a.Allocate1D<float>(n * c.Heads * c.HeadDim);
            K = a.Allocate1D<float>(n * c.KvHeads * c.HeadDim);
            V = a.Allocate1D<float>(n * c.KvHeads * c.HeadDim);
            Attention = a.Allocate1D<float>(n * c.Heads * c.HeadDim);
            Gate = a.Allocate1D<float>(n * c.IntermediateSize);
            Up = a.Allocate1D<float>(n * c.IntermediateSize);
            Logits = a.Allocate1D<float>(n * c.VocabSize);
            Surprisal = a.Allocate1D<float>(n);
        }

        public int Tokens { get; }

        public MemoryBuffer1D<int, Stride1D.Dense> Ids { get; }

        public MemoryBuffer1D<float, Stride1D.Dense> X { get; }

        public MemoryBuffer1D<float, Stride1D.Dense> H { get; }

        public MemoryBuffer1D<float, Stride1D.Dense> Q { get; }

        public MemoryBuffer1D<float, Stride1D.Dense> K { get; }

        public MemoryBuffer1D<float, Stride1D.Dense> V { get; }

        public MemoryBuffer1D<float, Stride1D.Dense> Attention { get; }

        public MemoryBuffer1D<float, Stride1D.Dense> Gate { get; }

        public MemoryBuffer1D<float, Stride1D.Dense> Up { get; }

        public MemoryBuffer1D<float, Stride1D.Dense> Logits { get; }

        public MemoryBuffer1D<float, Stride1D.Dense> Surprisal { get; }

        public void Dispose()
        {
            Ids.Dispose();
            X.Dispose();
            H.Dispose();
            Q.Dispose();
            K.Dispose();
            V.Dispose();
            Attention.Dispose();
            Gate.Dispose();
            Up.Dispose();
            Logits.Dispose();
            Surprisal.Dispose();
        }
    }
}
