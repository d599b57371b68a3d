using ILGPU;

namespace Squeeze.Scoring.Gpu.Kernels;

/// <summary>x[i] += y[i]: the residual connection. One thread per element.</summary>
internal static class ResidualAddKernel
{
    public static void Run(Index1D i, ArrayView<float> x, ArrayView<float> y) => x[i] += y[i];
}
