using System.Text;

namespace Squeeze.Quality;

/// <summary>Baseline for code: blank-line separated blocks in a random order (seeded by the task id) until the budget is full, output in file order.</summary>
internal sealed class RandomBlocksMethod(ITokenCounter counter) : ICompressionMethod
{
    public string Name => "random-blocks";

    public Task<string> CompressAsync(QualityTask task, int budget, CancellationToken cancellationToken)
    {
        string[] blocks = task.Context.Split("\n\n");
        int[] order = [.. Enumerable.Range(0, blocks.Length)];
        new Random(RandomSentencesMethod.StableSeed(task.Id)).Shuffle(order);
        var keep = new bool[blocks.Length];
        int used = 0;
        foreach (int i in order)
        {
            int cost = counter.CountTokens(blocks[i]) + 1;
            if (used + cost <= budget)
            {
                keep[i] = true;
                used += cost;
            }
        }

        string output = Join(blocks, keep);
        for (int k = order.Length - 1; k >= 0 && counter.CountTokens(output) > budget; k--)
        {
            if (keep[order[k]])
            {
                keep[order[k]] = false;
                output = Join(blocks, keep);
            }
        }

        return Task.FromResult(output);
    }

    private static string Join(string[] blocks, bool[] keep)
    {
        var b = new StringBuilder();
        for (int i = 0; i < blocks.Length; i++)
        {
            if (keep[i])
            {
                b.Append(b.Length > 0 ? "\n\n" : string.Empty).Append(blocks[i]);
            }
        }

        return b.ToString();
    }
}
