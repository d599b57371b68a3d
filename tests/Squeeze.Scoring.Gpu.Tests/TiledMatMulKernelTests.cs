using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using Squeeze.Scoring.Gpu.Kernels;

namespace Squeeze.Scoring.Gpu;

/// <summary>The shared-memory matrix product that GPUs run, checked on ILGPU's CPU accelerator against a plain loop.</summary>
public sealed class TiledMatMulKernelTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(37, 45, 29)]
    [InlineData(16, 16, 16)]
    [InlineData(33, 320, 17)]
    public void Run_MatchesPlainProduct_OnEdgeTiles(int rows, int inner, int columns)
    {
        using Context context = Context.Create(b => b.CPU());
        Device device = Array.Find([.. context.Devices], d => d.MaxNumThreadsPerGroup >= TiledMatMulKernel.Tile * TiledMatMulKernel.Tile)!;
        using Accelerator accelerator = device.CreateAccelerator(context);
        var random = new Random(rows * 1000 + columns);
        float[] a = [.. Enumerable.Range(0, rows * inner).Select(_ => (float)(random.NextDouble() - 0.5))];
        float[] w = [.. Enumerable.Range(0, columns * inner).Select(_ => (float)(random.NextDouble() - 0.5))];
        using MemoryBuffer1D<float, Stride1D.Dense> da = accelerator.Allocate1D(a);
        using MemoryBuffer1D<float, Stride1D.Dense> dw = accelerator.Allocate1D(w);
        using MemoryBuffer1D<float, Stride1D.Dense> dc = accelerator.Allocate1D<float>(rows * columns);
        var kernel = accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int>(TiledMatMulKernel.Run);

        kernel(TiledMatMulKernel.Config(rows, columns), da.View, dw.View, dc.View, rows, inner, columns);
        accelerator.Synchronize();

        float[] c = dc.GetAsArray1D();
        for (int r = 0; r < rows; r++)
        {
            for (int m = 0; m < columns; m++)
            {
                double expected = 0;
                for (int k = 0; k < inner; k++)
                {
                    expected += a[(r * inner) + k] * w[(m * inner) + k];
                }

                Assert.Equal(expected, c[(r * columns) + m], 1e-4);
            }
        }
    }
}
