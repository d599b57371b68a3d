namespace Squeeze.TokenPruning;

internal static class PruningAssert
{
    /// <summary>Asserts the result is built from whole units of <paramref name="source"/>, in order, and fits the budget.</summary>
    public static void ValidPruning(string source, CompressedText result, int budget, ITokenCounter counter)
    {
        Assert.True(counter.CountTokens(result.Text) <= budget, $"{counter.CountTokens(result.Text)} tokens > budget {budget}: '{result.Text}'");
        var units = new List<WordUnit>();
        WordUnitSplitter.Split(source, 0, source.Length, units);
        var boundaries = new HashSet<int> { 0, source.Length };
        foreach (WordUnit unit in units)
        {
            boundaries.Add(unit.Start);
            boundaries.Add(unit.End);
        }

        var rebuilt = new System.Text.StringBuilder();
        int previousEnd = -1;
        foreach (TextSpan span in result.KeptSpans)
        {
            Assert.True(span.Start > previousEnd || (previousEnd == -1 && span.Start >= 0), "spans must be in order and not touching");
            Assert.Contains(span.Start, boundaries);
            Assert.Contains(span.End, boundaries);
            rebuilt.Append(source, span.Start, span.Length);
            previousEnd = span.End;
        }

        Assert.Equal(rebuilt.ToString(), result.Text);
    }
}
