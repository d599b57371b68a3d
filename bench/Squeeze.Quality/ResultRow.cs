using System.Globalization;

namespace Squeeze.Quality;

/// <summary>One CSV row: a method at a ratio on a task.</summary>
internal sealed record ResultRow(
    string Method, double Ratio, string Task, string Kind, string NeedlePosition, int InputTokens, int Budget, int OutputTokens,
    bool AnswerRetained, double NeedleRetention, double LatencyMs, double CalleeRetention = double.NaN)
{
    /// <summary>The CSV columns; callee_retention is empty except for code tasks (and absent from older files, such as bench/python's).</summary>
    public const string Header = "method,ratio,task,kind,needle_position,input_tokens,budget,output_tokens,answer_retained,needle_retention,latency_ms,callee_retention";

    /// <summary>The needle's document number parsed from <see cref="NeedlePosition"/> ("5:middle" → 5), or 0.</summary>
    public int NeedleDocument => int.TryParse(NeedlePosition.Split(':')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int d) ? d : 0;

    public string ToCsv() => string.Create(CultureInfo.InvariantCulture,
        $"{Method},{Ratio:G},{Task},{Kind},{NeedlePosition},{InputTokens},{Budget},{OutputTokens},{(AnswerRetained ? 1 : 0)},{NeedleRetention:F4},{LatencyMs:F2},{(double.IsNaN(CalleeRetention) ? string.Empty : CalleeRetention.ToString("F4", CultureInfo.InvariantCulture))}");

    public static ResultRow Parse(string line)
    {
        string[] f = line.Split(',');
        CultureInfo c = CultureInfo.InvariantCulture;
        return new ResultRow(f[0], double.Parse(f[1], c), f[2], f[3], f[4], int.Parse(f[5], c), int.Parse(f[6], c), int.Parse(f[7], c),
            f[8] is "1" or "True" or "true", double.Parse(f[9], c), double.Parse(f[10], c), f.Length > 11 && f[11].Length > 0 ? double.Parse(f[11], c) : double.NaN);
    }
}
