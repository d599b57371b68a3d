using ILGPU;

namespace Squeeze.Scoring.Gpu.Kernels;

/// <summary>
/// Causal self-attention, one thread per (token, head): softmax over the scaled dot products with the keys at or before the token in
/// its row, then the weighted sum of the values. Two passes (the maximum, then the exponentials) keep it stable without per-thread
/// arrays. Key/value heads are shared by groups of query heads (grouped-query attention). Rows are right-padded, so a real token
/// never sees a padding position. ILGPU's CPU accelerator's form of <see cref="GroupedAttentionKernel"/> (GPUs with cuBLAS use
/// neither: see <see cref="LlamaForward"/>).
/// </summary>
internal static class AttentionKernel
{
    public static void Run(Index1D i, ArrayView<float> q, ArrayView<float> k, ArrayView<float> v, ArrayView<float> output, int heads, int kvHeads, int headDim, int rowLength)
    {
        int head = i.X % heads;
        int token = i / heads;
        int position = token % rowLength;
        int rowStart = token - position;
        int kvHead = head / (heads / kvHeads);
        float scale = 1f / MathF.Sqrt(headDim);
        long qAt = (long)i.X * headDim;
        long outAt = qAt;

        float max = float.NegativeInfinity;
        for (int s = 0; s <= position; s++)
        {
            max = MathF.Max(max, Dot(q, qAt, k, ((((long)rowStart + s) * kvHeads) + kvHead) * headDim, headDim) * scale);
        }

        for (int d = 0; d < headDim; d++)
        {
            output[outAt + d] = 0f;
        }

        float sum = 0f;
        for (int s = 0; s <= position; s++)
        {
            long kvAt = ((((long)rowStart + s) * kvHeads) + kvHead) * headDim;
            float p = MathF.Exp((Dot(q, qAt, k, kvAt, headDim) * scale) - max);
            sum += p;
            for (int d = 0; d < headDim; d++)
            {
                output[outAt + d] += p * v[kvAt + d];
            }
        }

        for (int d = 0; d < headDim; d++)
        {
            output[outAt + d] /= sum;
        }
    }

    private static float Dot(ArrayView<float> a, long aAt, ArrayView<float> b, long bAt, int length)
    {
        float sum = 0f;
        for (int d = 0; d < length; d++)
        {
            sum += a[aAt + d] * b[bAt + d];
        }

        return sum;
    }
}
