using ILGPU;

namespace Squeeze.Scoring.Gpu.Kernels;

/// <summary>x[n, :] = embedding[ids[n], :]. One thread per element of x.</summary>
internal static class EmbeddingKernel
{
    public static void Run(Index1D i, ArrayView<int> ids, ArrayView<float> embedding, ArrayView<float> x, int dim)
    {
        int n = i / dim;
        x[i] = embedding[((long)ids[n] * dim) + (i - (n * dim))];
    }
}
