using ILGPU;

namespace Squeeze.Scoring.Gpu.Kernels;

/// <summary>
/// y[n, :] = x[n, :] / sqrt(mean(x[n, :]²) + eps) · weight (Llama's RMSNorm). One group per row: the threads stride along the row
/// (coalesced) and reduce the sum of squares together.
/// </summary>
internal static class GroupedRmsNormKernel
{
    public const int GroupSize = 128;

    public static KernelConfig Config(int rows) => new(rows, GroupSize);

    public static void Run(ArrayView<float> x, ArrayView<float> weight, ArrayView<float> y, int dim, float eps)
    {
        ArrayView<float> scratch = SharedMemory.Allocate<float>(GroupSize);
        long row = (long)Grid.IdxX * dim;
        float squares = 0f;
        for (int j = Group.IdxX; j < dim; j += GroupSize)
        {
            float v = x[row + j];
            squares += v * v;
        }

        float scale = 1f / MathF.Sqrt((GroupReduction.Sum(scratch, squares) / dim) + eps);
        for (int j = Group.IdxX; j < dim; j += GroupSize)
        {
            y[row + j] = x[row + j] * scale * weight[j];
        }
    }
}
