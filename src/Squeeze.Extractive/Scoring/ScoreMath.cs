namespace Squeeze.Extractive;

/// <summary>Small helpers over score arrays.</summary>
internal static class ScoreMath
{
    /// <summary>Min-max normalises to [0, 1]; non-finite scores become 0; all-equal scores become 0.5.</summary>
    public static void NormalizeInPlace(float[] scores)
    {
        float min = float.PositiveInfinity;
        float max = float.NegativeInfinity;
        for (int i = 0; i < scores.Length; i++)
        {
            if (!float.IsFinite(scores[i]))
            {
                scores[i] = 0;
            }

            min = Math.Min(min, scores[i]);
            max = Math.Max(max, scores[i]);
        }

        float range = max - min;
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = range > 1e-12f ? (scores[i] - min) / range : 0.5f;
        }
    }

    /// <summary>Fills <paramref name="order"/> with unit indices, best score first; ties keep text order.</summary>
    public static void RankDescending(float[] scores, int[] order)
    {
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            int c = scores[b].CompareTo(scores[a]);
            return c != 0 ? c : a.CompareTo(b);
        });
    }
}
