using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace Squeeze.Scoring.Gpu;

/// <summary>Creates the ILGPU context and accelerator that <see cref="GpuScorerOptions.Device"/> asks for.</summary>
internal static class GpuDevice
{
    public static (Context Context, Accelerator Accelerator) Create(GpuScorerOptions options)
    {
        Context context = Context.Create(builder => builder.Cuda().CPU().EnableAlgorithms().Optimize(OptimizationLevel.O2));
        try
        {
            Device[] cuda = [.. context.GetCudaDevices()];
            if (options.Device is "cuda" or "auto" && cuda.Length > options.DeviceId)
            {
                return (context, cuda[options.DeviceId].CreateAccelerator(context));
            }

            if (options.Device == "cuda")
            {
                throw new ScorerException(cuda.Length == 0
                    ? "No CUDA device was found (no NVIDIA GPU or driver): use Device = \"cpu\" or \"auto\", or the ONNX Runtime scorer."
                    : $"CUDA device {options.DeviceId} does not exist; {cuda.Length} found.");
            }

            // The CPU accelerator simulates several GPU shapes; take one whose groups hold a whole matrix tile (the tiled kernel's tests run there).
            int needed = Kernels.TiledMatMulKernel.Tile * Kernels.TiledMatMulKernel.Tile;
            Device cpu = Array.Find([.. context.Devices], d => d.AcceleratorType == AcceleratorType.CPU && d.MaxNumThreadsPerGroup >= needed)
                ?? throw new ScorerException($"No ILGPU CPU accelerator takes groups of {needed} threads.");
            return (context, cpu.CreateAccelerator(context));
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }
}
