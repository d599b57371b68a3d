using ILGPU;

namespace Squeeze.Scoring.Gpu.Kernels;

/// <summary>
/// Attention's softmax in place over rows of scores (query i of a row of rowLength tokens against every key j): the weights
/// exp(s[i, j] − max) / Σ over j ≤ i, and 0 for the keys after the query (causal mask). One group per query row, the threads
/// striding along it (coalesced) and reducing its maximum and sum together. Used with the cuBLAS products of
/// <see cref="LlamaForward"/>, which compute the scores of every (query, key) pair.
/// </summary>
internal static class CausalSoftmaxKernel
{
    public const int GroupSize = 128;

    public static KernelConfig Config(long queryRows) => new((int)queryRows, GroupSize);

    public static void Run(ArrayView<float> scores, int rowLength)
    {
        ArrayView<float> scratch = SharedMemory.Allocate<float>(GroupSize);
        long at = (long)Grid.IdxX * rowLength;
        int query = Grid.IdxX % rowLength;
        float max = float.NegativeInfinity;
        for (int j = Group.IdxX; j <= query; j += GroupSize)
        {
            max = MathF.Max(max, scores[at + j]);
        }

        max = GroupReduction.Max(scratch, max);
        float sum = 0f;
        for (int j = Group.IdxX; j <= query; j += GroupSize)
        {
            float p = MathF.Exp(scores[at + j] - max);
            scores[at + j] = p;
            sum += p;
        }

        float scale = 1f / GroupReduction.Sum(scratch, sum);
        for (int j = Group.IdxX; j < rowLength; j += GroupSize)
        {
            scores[at + j] = j <= query ? scores[at + j] * scale : 0f;
        }
    }
}
