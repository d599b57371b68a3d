using ILGPU;

namespace Squeeze.Scoring.Gpu.Kernels;

/// <summary>
/// Causal self-attention, one group per (token, head). The threads share out the keys at or before the token in its row: each
/// writes its scaled dot products into shared memory; the group reduces their maximum and the sum of the exponentials (a stable
/// softmax); then each thread owns output dimensions and sums the values weighted by the softmax (reads coalesced along the head).
/// Key/value heads are shared by groups of query heads (grouped-query attention). Rows are right-padded, so a real token never
/// sees a padding position. Shared memory: one score per position of the row, then one value per thread.
/// </summary>
internal static class GroupedAttentionKernel
{
    public const int GroupSize = 64;

    public static KernelConfig Config(int tokens, int heads, int rowLength) =>
        new(new Index1D(tokens * heads), new Index1D(GroupSize), SharedMemoryConfig.RequestDynamic<float>(rowLength + GroupSize));

    public static void Run(ArrayView<float> q, ArrayView<float> k, ArrayView<float> v, ArrayView<float> output, int heads, int kvHeads, int headDim, int rowLength)
    {
        ArrayView<float> shared = SharedMemory.GetDynamic<float>();
        ArrayView<float> weights = shared.SubView(0, rowLength);
        ArrayView<float> scratch = shared.SubView(rowLength, GroupSize);
        int item = Grid.IdxX;
        int head = item % heads;
        int token = item / heads;
        int position = token % rowLength;
        long rowStart = token - position;
        int kvHead = head / (heads / kvHeads);
        float scale = 1f / MathF.Sqrt(headDim);
        long qAt = (long)item * headDim;

        float max = float.NegativeInfinity;
        for (int s = Group.IdxX; s <= position; s += GroupSize)
        {
            long kAt = (((rowStart + s) * kvHeads) + kvHead) * headDim;
            float score = 0f;
            for (int d = 0; d < headDim; d++)
            {
                score += q[qAt + d] * k[kAt + d];
            }

            score *= scale;
            weights[s] = score;
            max = MathF.Max(max, score);
        }

        max = GroupReduction.Max(scratch, max);
        float sum = 0f;
        for (int s = Group.IdxX; s <= position; s += GroupSize)
        {
            float p = MathF.Exp(weights[s] - max);
            weights[s] = p;
            sum += p;
        }

        // The reduction's barriers also make every weight visible to every thread.
        sum = GroupReduction.Sum(scratch, sum);
        for (int d = Group.IdxX; d < headDim; d += GroupSize)
        {
            float acc = 0f;
            for (int s = 0; s <= position; s++)
            {
                acc += weights[s] * v[((((rowStart + s) * kvHeads) + kvHead) * headDim) + d];
            }

            output[qAt + d] = acc / sum;
        }
    }
}
