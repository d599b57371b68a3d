using System.Text;
using Squeeze.Extractive;

namespace Squeeze.Quality;

/// <summary>
/// Self-information baseline (the Selective Context method): per-token surprisal from the causal model, summed per sentence;
/// sentences are kept from the most to the least informative while they fit, then output in document order. Query-agnostic.
/// </summary>
internal sealed class SelfInformationMethod(ITokenScorer scorer, ITokenCounter counter) : ICompressionMethod
{
    public string Name => "selective-context";

    public async Task<string> CompressAsync(QualityTask task, int budget, CancellationToken cancellationToken)
    {
        string text = task.Context;
        TextSpan[] units = TextSegmenter.Split(text, TextUnitLevel.Sentence);
        IReadOnlyList<TokenScores> scored = await scorer.ScoreAsync([new ScoringInput(text)], cancellationToken);
        TokenScores scores = scored[0];
        var information = new double[units.Length];
        ReadOnlySpan<TextSpan> spans = scores.Spans.Span;
        ReadOnlySpan<float> surprisal = scores.Surprisal.Span;
        int u = 0;
        for (int t = 0; t < spans.Length && units.Length > 0; t++)
        {
            while (u < units.Length - 1 && spans[t].Start >= units[u].End)
            {
                u++;
            }

            if (float.IsFinite(surprisal[t]))
            {
                information[u] += surprisal[t];
            }
        }

        int[] order = new int[units.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => information[b].CompareTo(information[a]));
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

        string output = Join(text, units, keep);
        for (int k = order.Length - 1; k >= 0 && counter.CountTokens(output) > budget; k--)
        {
            if (keep[order[k]])
            {
                keep[order[k]] = false;
                output = Join(text, units, keep);
            }
        }

        return output;
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
