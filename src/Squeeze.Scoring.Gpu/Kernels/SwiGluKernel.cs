using ILGPU;

namespace Squeeze.Scoring.Gpu.Kernels;

/// <summary>gate[i] = silu(gate[i]) · up[i], the SwiGLU activation of Llama's MLP, in place. One thread per element.</summary>
internal static class SwiGluKernel
{
    public static void Run(Index1D i, ArrayView<float> gate, ArrayView<float> up)
    {
        float g = gate[i];
        gate[i] = g / (1f + MathF.Exp(-g)) * up[i];
    }
}
