using System.Globalization;
using ScottPlot;

namespace Squeeze.Quality;

/// <summary>PNG plots: retention vs ratio per task kind, retention vs needle document at 4x, latency vs input length.</summary>
internal static class PlotWriter
{
    private const int Width = 900;
    private const int Height = 560;

    public static List<string> Write(IReadOnlyList<ResultRow> rows, IReadOnlyList<ResultRow> latencyRows, string directory)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        List<string> methods = [.. rows.Select(r => r.Method).Concat(latencyRows.Select(r => r.Method)).Distinct()];
        foreach (string kind in rows.Select(r => r.Kind).Distinct().Order())
        {
            written.Add(RetentionVsRatio([.. rows.Where(r => r.Kind == kind)], methods, kind, Path.Combine(directory, $"retention-vs-ratio-{kind}.png")));
        }

        if (rows.Any(r => r.Ratio == 4 && r.NeedleDocument > 0))
        {
            written.Add(RetentionVsPosition([.. rows.Where(r => r.Ratio == 4 && r.NeedleDocument > 0)], methods, Path.Combine(directory, "retention-vs-position-4x.png")));
        }

        if (latencyRows.Count > 0)
        {
            written.Add(LatencyVsLength(latencyRows, methods, Path.Combine(directory, "latency-vs-length.png")));
        }

        return written;
    }

    private static Plot NewPlot(string title, string x, string y)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel(x);
        plot.YLabel(y);
        return plot;
    }

    private static void Style(Plot plot, int index, ScottPlot.Plottables.Scatter s, string label)
    {
        s.LegendText = label;
        s.LineWidth = 2;
        s.MarkerSize = 8;
        s.Color = plot.Add.Palette.GetColor(index);
        s.MarkerShape = (MarkerShape)(1 + (index % 6));
        s.LinePattern = index >= 10 ? LinePattern.Dashed : LinePattern.Solid;
    }

    private static string RetentionVsRatio(List<ResultRow> rows, List<string> methods, string kind, string path)
    {
        List<double> ratios = [.. rows.Select(r => r.Ratio).Distinct().Order()];

        // Code tasks have no answer strings: what survives is the removed body's callees.
        bool code = kind == "code";
        Plot plot = code
            ? NewPlot("Callee retention vs compression ratio — code tasks", "target compression ratio (input / budget tokens)", "callees retained (% of callees, mean over tasks)")
            : NewPlot($"Answer retention vs compression ratio — {kind} tasks", "target compression ratio (input / budget tokens)", "answer retained (% of tasks)");
        for (int i = 0; i < methods.Count; i++)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            foreach (double ratio in ratios)
            {
                var g = rows.Where(r => r.Method == methods[i] && r.Ratio == ratio).ToList();
                if (g.Count > 0)
                {
                    xs.Add(Math.Log2(ratio));
                    ys.Add(100 * g.Average(r => code ? r.CalleeRetention : r.AnswerRetained ? 1.0 : 0.0));
                }
            }

            if (xs.Count > 0)
            {
                Style(plot, i, plot.Add.Scatter(xs.ToArray(), ys.ToArray()), methods[i]);
            }
        }

        plot.Axes.Bottom.SetTicks([.. ratios.Select(Math.Log2)], [.. ratios.Select(r => r.ToString("G", CultureInfo.InvariantCulture) + "x")]);
        plot.Axes.SetLimits(Math.Log2(ratios[0]) - 0.2, Math.Log2(ratios[^1]) + 0.2, -3, 103);
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, Width, Height);
        return path;
    }

    private static string RetentionVsPosition(List<ResultRow> rows, List<string> methods, string path)
    {
        List<int> documents = [.. rows.Select(r => r.NeedleDocument).Distinct().Order()];
        Plot plot = NewPlot("Answer retention vs needle position at 4x (all task kinds)", "document holding the needle (of 20)", "answer retained (% of tasks)");
        for (int i = 0; i < methods.Count; i++)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            foreach (int d in documents)
            {
                var g = rows.Where(r => r.Method == methods[i] && r.NeedleDocument == d).ToList();
                if (g.Count > 0)
                {
                    xs.Add(d);
                    ys.Add(100 * g.Average(r => r.AnswerRetained ? 1.0 : 0.0));
                }
            }

            if (xs.Count > 0)
            {
                Style(plot, i, plot.Add.Scatter(xs.ToArray(), ys.ToArray()), methods[i]);
            }
        }

        plot.Axes.Bottom.SetTicks([.. documents.Select(d => (double)d)], [.. documents.Select(d => d.ToString(CultureInfo.InvariantCulture))]);
        plot.Axes.SetLimits(0, documents[^1] + 1, -3, 103);
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, Width, Height);
        return path;
    }

    private static string LatencyVsLength(IReadOnlyList<ResultRow> rows, List<string> methods, string path)
    {
        List<int> sizes = [.. rows.Select(r => r.InputTokens).Distinct().Order()];
        Plot plot = NewPlot("Latency vs input length at 4x (log-log)", "input length (o200k tokens)", "latency (ms)");
        double minMs = double.MaxValue, maxMs = 0;
        for (int i = 0; i < methods.Count; i++)
        {
            var g = rows.Where(r => r.Method == methods[i]).OrderBy(r => r.InputTokens).ToList();
            if (g.Count == 0)
            {
                continue;
            }

            double[] ms = [.. g.Select(r => Math.Max(0.01, r.LatencyMs))];
            minMs = Math.Min(minMs, ms.Min());
            maxMs = Math.Max(maxMs, ms.Max());
            Style(plot, i, plot.Add.Scatter(g.Select(r => Math.Log10(r.InputTokens)).ToArray(), ms.Select(Math.Log10).ToArray()), methods[i]);
        }

        plot.Axes.Bottom.SetTicks([.. sizes.Select(s => Math.Log10(s))], [.. sizes.Select(s => s >= 1000 ? $"{s / 1000}k" : s.ToString(CultureInfo.InvariantCulture))]);
        var ticks = new List<double>();
        var labels = new List<string>();
        for (int e = (int)Math.Floor(Math.Log10(minMs)); e <= (int)Math.Ceiling(Math.Log10(maxMs)); e++)
        {
            ticks.Add(e);
            labels.Add(Math.Pow(10, e).ToString("G", CultureInfo.InvariantCulture));
        }

        plot.Axes.Left.SetTicks([.. ticks], [.. labels]);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, Width, Height);
        return path;
    }
}
