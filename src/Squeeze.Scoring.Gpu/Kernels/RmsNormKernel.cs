using ILGPU;

namespace Squeeze.Scoring.Gpu.Kernels;

/// <summary>y[n, :] = x[n, :] / sqrt(mean(x[n, :]²) + eps) · weight (Llama's RMSNorm). One thread per row: ILGPU's CPU accelerator's form of <see cref="GroupedRmsNormKernel"/>.</summary>
internal static class RmsNormKernel
{
    public static void Run(Index1D n, ArrayView<float> x, ArrayView<float> weight, ArrayView<float> y, int dim, float eps)
    {
        long row = (long)n.X * dim;
        float squares = 0f;
        for (int j = 0; j < dim; j++)
        {
            float v = x[row + j];
            squares += v * v;
        }

        float scale = 1f / MathF.Sqrt((squares / dim) + eps);
        for (int j = 0; j < dim; j++)
        {
            y[row + j] = x[row + j] * scale * weight[j];
        }
    }
}
