using System.Globalization;
using System.Text;
using System.Text.Json;
using Squeeze.Code;

namespace Squeeze.Quality;

/// <summary>
/// Writes, for every code task and ratio, one row per ranked unit of the model-free code compressor with the signals its score is
/// made of and whether the unit is one of the task's callees (of its name, holding at least half of its body lines), for refitting the logistic model (bench/Squeeze.Quality/fit_use_model.py).
/// Optionally also one JSON line per row with the texts (t task, q query, u unit, each cut at <see cref="MaxTextChars"/>; y callee,
/// n named), for training a learned code-use signal (training/train_code_use.py).
/// </summary>
internal static class UnitSignalsDump
{
    public const string Header = "task\tratio\tbudget\tunit\tfull_cost\tstate\tscore\tnamed\tcallee\tcallee_kept\trelevance_rank\tbest_caller\tfan_in\tproximity\tcaller_relevance\tprivate\tuncalled_private\tcode_use";

    public const int MaxTextChars = 2000;

    public static async Task<int> WriteAsync(string path, string? textsPath, IReadOnlyList<QualityTask> tasks, IReadOnlyList<double> ratios, ITokenCounter counter, ICodeUseClassifier? codeUse, CancellationToken cancellationToken)
    {
        var compressor = new CodeCompressor(null, null, codeUse);
        int rows = 0;
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        await writer.WriteLineAsync(Header);
        await using StreamWriter? texts = textsPath is null ? null : new StreamWriter(textsPath, append: false, new UTF8Encoding(false));
        foreach (QualityTask task in tasks)
        {
            if (task.Callees.Count == 0)
            {
                continue;
            }

            int inputTokens = counter.CountTokens(task.Context);
            foreach (double ratio in ratios)
            {
                int budget = Sweep.Budget(inputTokens, ratio);
                IReadOnlyList<UnitPlan> ranked = [];
                var request = new SegmentCompressionRequest(task.Context, budget, counter) { Query = task.Question, Language = task.Language };
                CompressedText result = await compressor.CompressAsync(request, r => ranked = r, cancellationToken);
                HashSet<string> outputLines = TaskMetrics.TrimmedLines(result.Text);
                foreach (UnitPlan plan in ranked)
                {
                    HashSet<string> unitLines = TaskMetrics.TrimmedLines(task.Context[plan.Unit.Span.Start..plan.Unit.Span.End]);
                    int callee = task.Callees.Count - 1;
                    while (callee >= 0 && !(task.CalleeNames[callee] == plan.Unit.Name && TaskMetrics.Survives(task.Callees[callee], unitLines)))
                    {
                        callee--;
                    }

                    UnitSignals s = plan.Signals;
                    bool kept = callee >= 0 && TaskMetrics.Survives(task.Callees[callee], outputLines);
                    await writer.WriteLineAsync(string.Join('\t',
                        task.Id, F(ratio), budget.ToString(CultureInfo.InvariantCulture), plan.Unit.Name, plan.FullCost.ToString(CultureInfo.InvariantCulture), plan.State.ToString(), F(plan.Score),
                        B(plan.IsNamed), B(callee >= 0), B(kept), F(s.RelevanceRank), F(s.BestCaller), F(s.FanIn), F(s.Proximity), F(s.CallerRelevance), B(s.IsPrivate), B(s.IsUncalledPrivate), F(s.CodeUse ?? 0)));
                    if (texts is not null)
                    {
                        string unit = task.Context[plan.Unit.Span.Start..plan.Unit.Span.End];
                        await texts.WriteLineAsync(JsonSerializer.Serialize(new { t = task.Id, q = Cut(task.Question), u = Cut(unit), y = callee >= 0 ? 1 : 0, n = plan.IsNamed ? 1 : 0 }));
                    }

                    rows++;
                }
            }
        }

        return rows;
    }

    private static string Cut(string text) => text.Length > MaxTextChars ? text[..MaxTextChars] : text;

    private static string F(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string B(bool value) => value ? "1" : "0";
}
