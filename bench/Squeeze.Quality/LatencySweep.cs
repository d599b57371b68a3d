using System.Text;

namespace Squeeze.Quality;

/// <summary>Latency at 4x over growing inputs built by joining task contexts; rows use kind "latency".</summary>
internal static class LatencySweep
{
    public static async Task<List<ResultRow>> RunAsync(Sweep sweep, IReadOnlyList<ICompressionMethod> methods, IReadOnlyList<QualityTask> tasks, HarnessOptions options, ITokenCounter counter)
    {
        var rows = new List<ResultRow>();
        if (options.LatencySizes.Count == 0 || tasks.Count == 0)
        {
            return rows;
        }

        var all = new StringBuilder();
        foreach (QualityTask t in tasks)
        {
            all.Append(t.Context).Append("\n\n");
        }

        string text = all.ToString();
        while (counter.CountTokens(text) < options.LatencySizes.Max())
        {
            text += "\n\n" + text;
        }

        foreach (int size in options.LatencySizes)
        {
            string context = text[..counter.GetPrefixLength(text, size)];
            var task = new QualityTask($"latency-{size}", "latency", context, tasks[0].Question, [], string.Empty, 0, string.Empty);
            int inputTokens = counter.CountTokens(context);
            foreach (ICompressionMethod method in methods)
            {
                if (MethodCatalog.NeedsModel(method.Name) && size > options.ModelLatencyMax)
                {
                    continue;
                }

                _ = await sweep.RunOneAsync(method, task, inputTokens, 4, CancellationToken.None); // warm-up
                rows.Add(await sweep.RunOneAsync(method, task, inputTokens, 4, CancellationToken.None));
            }
        }

        return rows;
    }
}
