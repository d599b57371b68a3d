using ILGPU;

namespace Squeeze.Scoring.Gpu.Kernels;

/// <summary>
/// surprisal[n] = −log_softmax(logits[n − 1])[ids[n]] in nats: how unexpected token n was after the tokens before it; 0 for the first
/// token of each row. One thread per token, each reading the previous token's row of logits: ILGPU's CPU accelerator's form of
/// <see cref="GroupedSurprisalKernel"/>.
/// </summary>
internal static class SurprisalKernel
{
    public static void Run(Index1D n, ArrayView<float> logits, ArrayView<int> ids, ArrayView<float> surprisal, int vocab, int rowLength)
    {
        if (n % rowLength == 0)
        {
            surprisal[n] = 0f;
            return;
        }

        long row = (long)(n.X - 1) * vocab;
        float max = float.NegativeInfinity;
        for (int j = 0; j < vocab; j++)
        {
            max = MathF.Max(max, logits[row + j]);
        }

        float sum = 0f;
        for (int j = 0; j < vocab; j++)
        {
            sum += MathF.Exp(logits[row + j] - max);
        }

        surprisal[n] = MathF.Log(sum) + max - logits[row + ids[n]];
    }
}
