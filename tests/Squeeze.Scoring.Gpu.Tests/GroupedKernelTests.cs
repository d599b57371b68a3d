using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using Squeeze.Scoring.Gpu.Kernels;

namespace Squeeze.Scoring.Gpu;

/// <summary>
/// The kernels GPUs run with one group per row, checked on ILGPU's CPU accelerator against the one-thread-per-row kernels (which the
/// whole forward pass is checked with against PyTorch), on shapes that are not multiples of the group sizes.
/// </summary>
public sealed class GroupedKernelTests : IDisposable
{
    private readonly Context _context = Context.Create(b => b.CPU().EnableAlgorithms());
    private readonly Accelerator _accelerator;

    public GroupedKernelTests()
    {
        Device device = Array.Find([.. _context.Devices], d => d.MaxNumThreadsPerGroup >= GroupedSurprisalKernel.GroupSize)!;
        _accelerator = device.CreateAccelerator(_context);
    }

    [Theory]
    [InlineData(3, 3, 8, 70)]   // more keys than threads, fewer dimensions than threads
    [InlineData(4, 2, 80, 5)]   // grouped-query heads, more dimensions than threads
    public void Attention_MatchesOneThreadPerTokenAndHead(int heads, int kvHeads, int headDim, int rowLength)
    {
        int tokens = 2 * rowLength;
        using var q = Upload(Random(tokens * heads * headDim, 1));
        using var k = Upload(Random(tokens * kvHeads * headDim, 2));
        using var v = Upload(Random(tokens * kvHeads * headDim, 3));
        using var plain = _accelerator.Allocate1D<float>(tokens * heads * headDim);
        using var grouped = _accelerator.Allocate1D<float>(tokens * heads * headDim);
        _accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int, int>(AttentionKernel.Run)(
            tokens * heads, q.View, k.View, v.View, plain.View, heads, kvHeads, headDim, rowLength);
        _accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int, int>(GroupedAttentionKernel.Run)(
            GroupedAttentionKernel.Config(tokens, heads, rowLength), q.View, k.View, v.View, grouped.View, heads, kvHeads, headDim, rowLength);

        AssertClose(plain, grouped, 1e-5);
    }

    [Fact]
    public void RmsNorm_MatchesOneThreadPerRow()
    {
        const int Rows = 7;
        const int Dim = 320;
        using var x = Upload(Random(Rows * Dim, 4));
        using var weight = Upload(Random(Dim, 5));
        using var plain = _accelerator.Allocate1D<float>(Rows * Dim);
        using var grouped = _accelerator.Allocate1D<float>(Rows * Dim);
        _accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, float>(RmsNormKernel.Run)(
            Rows, x.View, weight.View, plain.View, Dim, 1e-5f);
        _accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, int, float>(GroupedRmsNormKernel.Run)(
            GroupedRmsNormKernel.Config(Rows), x.View, weight.View, grouped.View, Dim, 1e-5f);

        AssertClose(plain, grouped, 1e-5);
    }

    [Fact]
    public void Surprisal_MatchesOneThreadPerToken()
    {
        const int Vocab = 300;
        const int RowLength = 5;
        const int Tokens = 3 * RowLength;
        float[] logits = Random(Tokens * Vocab, 6);
        for (int i = 0; i < logits.Length; i++)
        {
            logits[i] *= 20f; // peaked rows: the maximum matters for stability
        }

        var random = new Random(7);
        int[] ids = [.. Enumerable.Range(0, Tokens).Select(_ => random.Next(Vocab))];
        using var dLogits = Upload(logits);
        using var dIds = _accelerator.Allocate1D(ids);
        using var plain = _accelerator.Allocate1D<float>(Tokens);
        using var grouped = _accelerator.Allocate1D<float>(Tokens);
        _accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, int, int>(SurprisalKernel.Run)(
            Tokens, dLogits.View, dIds.View, plain.View, Vocab, RowLength);
        _accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<int>, ArrayView<float>, int, int>(GroupedSurprisalKernel.Run)(
            GroupedSurprisalKernel.Config(Tokens), dLogits.View, dIds.View, grouped.View, Vocab, RowLength);

        AssertClose(plain, grouped, 1e-4);
        float[] values = grouped.GetAsArray1D();
        Assert.Equal(0f, values[RowLength]);
        Assert.True(values[1] > 0f);
    }

    [Fact]
    public void CausalSoftmax_NormalisesEachQueryOverTheKeysUpToIt_AndZeroesTheRest()
    {
        const int RowLength = 150; // more keys than threads
        const int Queries = 2 * RowLength; // two (row, head) blocks
        float[] scores = Random(Queries * RowLength, 8);
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] *= 30f;
        }

        using var buffer = Upload(scores);
        _accelerator.LoadStreamKernel<ArrayView<float>, int>(CausalSoftmaxKernel.Run)(CausalSoftmaxKernel.Config(Queries), buffer.View, RowLength);
        _accelerator.Synchronize();

        float[] weights = buffer.GetAsArray1D();
        for (int q = 0; q < Queries; q++)
        {
            int query = q % RowLength;
            double max = double.NegativeInfinity;
            for (int j = 0; j <= query; j++)
            {
                max = Math.Max(max, scores[(q * RowLength) + j]);
            }

            double sum = 0;
            for (int j = 0; j <= query; j++)
            {
                sum += Math.Exp(scores[(q * RowLength) + j] - max);
            }

            for (int j = 0; j < RowLength; j++)
            {
                double expected = j <= query ? Math.Exp(scores[(q * RowLength) + j] - max) / sum : 0;
                Assert.True(Math.Abs(expected - weights[(q * RowLength) + j]) <= 1e-5, $"query {q}, key {j}: expected {expected}, got {weights[(q * RowLength) + j]}");
            }
        }
    }

    public void Dispose()
    {
        _accelerator.Dispose();
        _context.Dispose();
    }

    private static float[] Random(int length, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() - 0.5))];
    }

    private MemoryBuffer1D<float, Stride1D.Dense> Upload(float[] values) => _accelerator.Allocate1D(values);

    private void AssertClose(MemoryBuffer1D<float, Stride1D.Dense> expected, MemoryBuffer1D<float, Stride1D.Dense> actual, double tolerance)
    {
        _accelerator.Synchronize();
        float[] e = expected.GetAsArray1D();
        float[] a = actual.GetAsArray1D();
        Assert.Equal(e.Length, a.Length);
        Assert.Contains(e, value => value != 0f);
        for (int i = 0; i < e.Length; i++)
        {
            Assert.True(Math.Abs(e[i] - a[i]) <= tolerance * Math.Max(1, Math.Abs(e[i])), $"element {i}: expected {e[i]}, got {a[i]}");
        }
    }
}
