using System.Text;

namespace Squeeze.Quality;

/// <summary>Per-task quality metrics: whether all answers survive and what share of the needle's words does.</summary>
internal static class TaskMetrics
{
    /// <summary>True when every answer occurs in the output (case-insensitive).</summary>
    public static bool AnswerRetained(string output, IReadOnlyList<string> answers)
    {
        foreach (string answer in answers)
        {
            if (!output.Contains(answer, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return answers.Count > 0;
    }

    /// <summary>The share of the needle's words (lower-cased letters and digits) that occur as words of the output; 1 when there is no needle.</summary>
    public static double NeedleRetention(string output, string needle)
    {
        List<string> needleWords = Words(needle);
        if (needleWords.Count == 0)
        {
            return 1;
        }

        var kept = new HashSet<string>(Words(output), StringComparer.Ordinal);
        int found = 0;
        foreach (string w in needleWords)
        {
            if (kept.Contains(w))
            {
                found++;
            }
        }

        return (double)found / needleWords.Count;
    }

    /// <summary>The share of callees whose body survives (<see cref="Survives"/>) in the output; NaN without callees.</summary>
    public static double CalleeRetention(string output, IReadOnlyList<IReadOnlyList<string>> callees)
    {
        if (callees.Count == 0)
        {
            return double.NaN;
        }

        HashSet<string> lines = TrimmedLines(output);
        int kept = 0;
        foreach (IReadOnlyList<string> body in callees)
        {
            if (Survives(body, lines))
            {
                kept++;
            }
        }

        return (double)kept / callees.Count;
    }

    /// <summary>Whether at least half of a callee's body lines occur among <paramref name="lines"/>.</summary>
    public static bool Survives(IReadOnlyList<string> body, HashSet<string> lines) => 2 * body.Count(lines.Contains) >= body.Count;

    /// <summary>The distinct lines of a text, trimmed.</summary>
    public static HashSet<string> TrimmedLines(string text)
    {
        var lines = new HashSet<string>(StringComparer.Ordinal);
        foreach (string line in text.Split('\n'))
        {
            lines.Add(line.Trim());
        }

        return lines;
    }

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var b = new StringBuilder();
        foreach (char c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                b.Append(char.ToLowerInvariant(c));
            }
            else if (b.Length > 0)
            {
                words.Add(b.ToString());
                b.Clear();
            }
        }

        if (b.Length > 0)
        {
            words.Add(b.ToString());
        }

        return words;
    }
}
