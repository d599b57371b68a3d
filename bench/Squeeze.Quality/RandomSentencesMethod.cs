using System.Text;
using Squeeze.Extractive;

namespace Squeeze.Quality;

/// <summary>Baseline: sentences in a random order (seeded by the task id) until the budget is full, output in document order.</summary>
internal sealed class RandomSentencesMethod(ITokenCounter counter) : ICompressionMethod
{
    public string Name => "random";

    public Task<string> CompressAsync(QualityTask task, int budget, CancellationToken cancellationToken)
    {
        string text = task.Context;
        TextSpan[] units = TextSegmenter.Split(text, TextUnitLevel.Sentence);
        int[] order = new int[units.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        new Random(StableSeed(task.Id)).Shuffle(order);
        var keep = new bool[units.Length];
        int used = 0;
        foreach (int i in order)
        {
            int cost = counter.CountTokens(text.AsSpan(units[i].Start, units[i].Length));
            if (used + cost <= budget)
            {
                keep[i] = true;
                used += cost;
            }
        }

        // Joining can merge tokens differently: drop kept sentences (last in the random order first) until it fits exactly.
        string output = Join(text, units, keep);
        for (int k = order.Length - 1; k >= 0 && counter.CountTokens(output) > budget; k--)
        {
            if (keep[order[k]])
            {
                keep[order[k]] = false;
                output = Join(text, units, keep);
            }
        }

        return Task.FromResult(output);
    }

    internal static int StableSeed(string id)
    {
        int h = 17;
        foreach (char c in id)
        {
            h = unchecked((h * 31) + c);
        }

        return h;
    }

    private static string Join(string text, TextSpan[] units, bool[] keep)
    {
        var b = new StringBuilder();
        for (int i = 0; i < units.Length; i++)
        {
            if (keep[i])
            {
                b.Append(text, units[i].Start, units[i].Length);
            }
        }

        return b.ToString();
    }
}
