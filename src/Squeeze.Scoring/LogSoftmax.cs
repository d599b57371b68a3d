using System.Numerics.Tensors;

namespace Squeeze.Scoring;

/// <summary>Surprisal from logits: -log_softmax(logits)[id], computed stably.</summary>
internal static class LogSoftmax
{
    /// <summary>Returns -ln softmax(<paramref name="logits"/>)[<paramref name="id"/>] in nats.</summary>
    /// <param name="logits">One row of logits.</param>
    /// <param name="id">The token whose surprisal is wanted.</param>
    /// <param name="scratch">A buffer at least as long as <paramref name="logits"/>.</param>
    public static float Surprisal(ReadOnlySpan<float> logits, int id, Span<float> scratch)
    {
        float max = TensorPrimitives.Max(logits);
        Span<float> shifted = scratch[..logits.Length];
        TensorPrimitives.Subtract(logits, max, shifted);
        TensorPrimitives.Exp(shifted, shifted);
        double sum = TensorPrimitives.Sum<float>(shifted);
        return (float)(max + Math.Log(sum) - logits[id]);
    }
}
