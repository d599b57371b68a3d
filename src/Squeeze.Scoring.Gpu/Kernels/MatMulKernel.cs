using ILGPU;

namespace Squeeze.Scoring.Gpu.Kernels;

/// <summary>
/// c[n, m] = Σ_k a[n, k] · w[m, k], one thread per output and no shared memory: the matrix product for ILGPU's CPU accelerator,
/// where <see cref="TiledMatMulKernel"/>'s group barriers cost more than they save.
/// </summary>
internal static class MatMulKernel
{
    public static void Run(Index1D i, ArrayView<float> a, ArrayView<float> w, ArrayView<float> c, int inner, int columns)
    {
        int row = i.X / columns;
        int column = i.X - (row * columns);
        long aAt = (long)row * inner;
        long wAt = (long)column * inner;
        float sum = 0f;
        for (int k = 0; k < inner; k++)
        {
            sum += a[aAt + k] * w[wAt + k];
        }

        c[i] = sum;
    }
}
