using ILGPU;

namespace Squeeze.Scoring.Gpu.Kernels;

/// <summary>
/// surprisal[n] = −log_softmax(logits[n − 1])[ids[n]] in nats: how unexpected token n was after the tokens before it; 0 for the first
/// token of each row. One group per token: the threads stride along the previous token's row of logits (coalesced) for its maximum,
/// then for the sum of exponentials, each reduced over the group.
/// </summary>
internal static class GroupedSurprisalKernel
{
    public const int GroupSize = 256;

    public static KernelConfig Config(int tokens) => new(tokens, GroupSize);

    public static void Run(ArrayView<float> logits, ArrayView<int> ids, ArrayView<float> surprisal, int vocab, int rowLength)
    {
        int n = Grid.IdxX;
        if (n % rowLength == 0)
        {
            if (Group.IsFirstThread)
            {
                surprisal[n] = 0f;
            }

            return;
        }

        ArrayView<float> scratch = SharedMemory.Allocate<float>(GroupSize);
        long row = (long)(n - 1) * vocab;
        float max = float.NegativeInfinity;
        for (int j = Group.IdxX; j < vocab; j += GroupSize)
        {
            max = MathF.Max(max, logits[row + j]);
        }

        max = GroupReduction.Max(scratch, max);
        float sum = 0f;
        for (int j = Group.IdxX; j < vocab; j += GroupSize)
        {
            sum += MathF.Exp(logits[row + j] - max);
        }

        sum = GroupReduction.Sum(scratch, sum);
        if (Group.IsFirstThread)
        {
            surprisal[n] = MathF.Log(sum) + max - logits[row + ids[n]];
        }
    }
}
