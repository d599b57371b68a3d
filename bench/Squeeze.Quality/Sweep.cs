using System.Diagnostics;

namespace Squeeze.Quality;

/// <summary>Runs every method at every ratio on every task and checks the budget invariant.</summary>
internal sealed class Sweep(ITokenCounter counter)
{
    public int BudgetViolations { get; private set; }

    public async Task<List<ResultRow>> RunAsync(IReadOnlyList<ICompressionMethod> methods, IReadOnlyList<QualityTask> tasks, IReadOnlyList<double> ratios, Func<ICompressionMethod, int> taskLimit, CancellationToken cancellationToken)
    {
        var rows = new List<ResultRow>();
        foreach (ICompressionMethod method in methods)
        {
            var started = Stopwatch.StartNew();
            int limit = taskLimit(method);
            var perKind = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (QualityTask task in tasks)
            {
                int seen = perKind.GetValueOrDefault(task.Kind);
                if (limit > 0 && seen >= limit)
                {
                    continue;
                }

                perKind[task.Kind] = seen + 1;
                int inputTokens = counter.CountTokens(task.Context);
                foreach (double ratio in ratios)
                {
                    rows.Add(await RunOneAsync(method, task, inputTokens, ratio, cancellationToken));
                }
            }

            Console.Error.WriteLine($"{method.Name}: {perKind.Values.Sum()} tasks x {ratios.Count} ratios in {started.Elapsed.TotalSeconds:F1} s");
        }

        return rows;
    }

    /// <summary>The token budget of a task at a target compression ratio: input tokens / ratio, at least 1.</summary>
    public static int Budget(int inputTokens, double ratio) => Math.Max(1, (int)(inputTokens / ratio));

    public async Task<ResultRow> RunOneAsync(ICompressionMethod method, QualityTask task, int inputTokens, double ratio, CancellationToken cancellationToken)
    {
        int budget = Budget(inputTokens, ratio);
        long start = Stopwatch.GetTimestamp();
        string output = await method.CompressAsync(task, budget, cancellationToken);
        double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        int outputTokens = counter.CountTokens(output);
        if (outputTokens > budget)
        {
            BudgetViolations++;
            Console.Error.WriteLine($"BUDGET VIOLATION: {method.Name} on {task.Id} at {ratio}x: {outputTokens} > {budget}");
        }

        return new ResultRow(method.Name, ratio, task.Id, task.Kind, task.PositionLabel, inputTokens, budget, outputTokens,
            TaskMetrics.AnswerRetained(output, task.Answers), TaskMetrics.NeedleRetention(output, task.Needle), ms, TaskMetrics.CalleeRetention(output, task.Callees));
    }
}
