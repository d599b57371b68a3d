using System.Globalization;
using System.Text;

namespace Squeeze.Quality;

/// <summary>Markdown tables: answer retention % per method × ratio (all tasks and per kind), needle-word retention, budget use, latency.</summary>
internal static class SummaryWriter
{
    public static string Write(IReadOnlyList<ResultRow> rows, int budgetViolations)
    {
        var md = new StringBuilder();
        List<string> methods = [.. rows.Select(r => r.Method).Distinct()];
        List<double> ratios = [.. rows.Select(r => r.Ratio).Distinct().Order()];
        List<string> kinds = [.. rows.Select(r => r.Kind).Distinct().Order()];
        Table(md, "Answer retention (% of tasks with every answer kept), all tasks", rows, methods, ratios, g => 100 * g.Average(r => r.AnswerRetained ? 1.0 : 0.0), "F1");
        foreach (string kind in kinds)
        {
            Table(md, $"Answer retention %, {kind} tasks", [.. rows.Where(r => r.Kind == kind)], methods, ratios, g => 100 * g.Average(r => r.AnswerRetained ? 1.0 : 0.0), "F1");
        }

        List<ResultRow> code = [.. rows.Where(r => !double.IsNaN(r.CalleeRetention))];
        if (code.Count > 0)
        {
            Table(md, "Callee retention % (share of the removed body's callees whose body survives), code tasks", code, methods, ratios, g => 100 * g.Average(r => r.CalleeRetention), "F1");
        }

        Table(md, "Needle-word retention % (share of the needle's words kept), all tasks", rows, methods, ratios, g => 100 * g.Average(r => r.NeedleRetention), "F1");
        Table(md, "Achieved ratio (input tokens / output tokens), mean", rows, methods, ratios, g => g.Average(r => (double)r.InputTokens / Math.Max(1, r.OutputTokens)), "F2");
        Table(md, "Budget use (output / budget), max", rows, methods, ratios, g => g.Max(r => (double)r.OutputTokens / r.Budget), "F3");
        Table(md, "Latency ms, median", rows, methods, ratios, g => Median([.. g.Select(r => r.LatencyMs)]), "F1");
        md.AppendLine(CultureInfo.InvariantCulture, $"Budget violations (output tokens > budget): {budgetViolations} of {rows.Count} runs.");
        md.AppendLine(CultureInfo.InvariantCulture, $"Tasks per method: {string.Join(", ", methods.Select(m => $"{m} {rows.Where(r => r.Method == m).Select(r => r.Task).Distinct().Count()}"))}.");
        return md.ToString();
    }

    public static double Median(double[] values)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }

        Array.Sort(values);
        return values.Length % 2 == 1 ? values[values.Length / 2] : (values[(values.Length / 2) - 1] + values[values.Length / 2]) / 2;
    }

    private static void Table(StringBuilder md, string title, IReadOnlyList<ResultRow> rows, List<string> methods, List<double> ratios, Func<IEnumerable<ResultRow>, double> value, string format)
    {
        md.AppendLine(CultureInfo.InvariantCulture, $"**{title}**").AppendLine();
        md.Append("| method |");
        foreach (double r in ratios)
        {
            md.Append(CultureInfo.InvariantCulture, $" {r:G}x |");
        }

        md.AppendLine().Append("|---|");
        foreach (double _ in ratios)
        {
            md.Append("---:|");
        }

        md.AppendLine();
        foreach (string m in methods)
        {
            if (!rows.Any(r => r.Method == m))
            {
                continue;
            }

            md.Append(CultureInfo.InvariantCulture, $"| {m} |");
            foreach (double ratio in ratios)
            {
                var g = rows.Where(r => r.Method == m && r.Ratio == ratio).ToList();
                md.Append(g.Count == 0 ? " – |" : $" {value(g).ToString(format, CultureInfo.InvariantCulture)} |");
            }

            md.AppendLine();
        }

        md.AppendLine();
    }
}
