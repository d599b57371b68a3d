namespace Squeeze.Fuzz;

/// <summary>Invariant checks that throw <see cref="FuzzInvariantException"/>.</summary>
internal static class Check
{
    public static void That(bool condition, string target, string message)
    {
        if (!condition)
        {
            throw new FuzzInvariantException($"{target}: {message}");
        }
    }

    /// <summary>Checks that spans are in bounds, ascending and not overlapping, and that their text concatenates to <paramref name="output"/>.</summary>
    public static void Subsequence(string target, string source, IReadOnlyList<TextSpan> spans, string output)
    {
        int previousEnd = 0;
        var builder = new System.Text.StringBuilder(output.Length);
        foreach (TextSpan span in spans)
        {
            That(span.Start >= previousEnd && span.Length >= 0 && span.End <= source.Length, target, $"kept span {span} out of order or out of bounds (length {source.Length})");
            builder.Append(source, span.Start, span.Length);
            previousEnd = span.End;
        }

        That(builder.ToString() == output, target, "output is not the concatenation of its kept spans");
    }

    /// <summary>Checks that no kept span starts or ends inside a surrogate pair.</summary>
    public static void NoSplitSurrogates(string target, string source, IReadOnlyList<TextSpan> spans)
    {
        foreach (TextSpan span in spans)
        {
            if (span.Length == 0)
            {
                continue;
            }

            That(!SplitsPair(source, span.Start) && !SplitsPair(source, span.End), target, $"span {span} splits a surrogate pair");
        }
    }

    private static bool SplitsPair(string s, int index) =>
        index > 0 && index < s.Length && char.IsHighSurrogate(s[index - 1]) && char.IsLowSurrogate(s[index]);
}
