using ILGPU;

namespace Squeeze.Scoring.Gpu.Kernels;

/// <summary>
/// Rotary position embedding in place, as Hugging Face's Llama ("default" RoPE, rotate_half on the two halves of each head):
/// for pair i of a head at position p, (x_i, x_{i+d/2}) turns by the angle p·θ^(−2i/d). Positions restart at 0 in every row of
/// rowLength tokens. One thread per (token, head, pair).
/// </summary>
internal static class RopeKernel
{
    public static void Run(Index1D i, ArrayView<float> x, int heads, int headDim, int rowLength, float theta)
    {
        int half = headDim / 2;
        int pair = i % half;
        int token = i / (half * heads);
        int head = (i / half) % heads;
        int position = token % rowLength;
        float angle = position * MathF.Pow(theta, -2f * pair / headDim);
        float cos = MathF.Cos(angle);
        float sin = MathF.Sin(angle);
        long at = (((long)token * heads) + head) * headDim;
        float x1 = x[at + pair];
        float x2 = x[at + pair + half];
        x[at + pair] = (x1 * cos) - (x2 * sin);
        x[at + pair + half] = (x2 * cos) + (x1 * sin);
    }
}
