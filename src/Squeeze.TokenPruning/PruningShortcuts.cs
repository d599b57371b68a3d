namespace Squeeze.TokenPruning;

/// <summary>The cases every pruner answers without scoring: empty input, a zero budget, and input that already fits.</summary>
internal static class PruningShortcuts
{
    /// <summary>Returns a result when no pruning is needed.</summary>
    /// <param name="text">The prepared text.</param>
    /// <param name="budget">The token budget.</param>
    /// <param name="counter">The target counter.</param>
    /// <param name="method">The method name to report.</param>
    /// <param name="result">The result, when one is returned.</param>
    /// <returns><see langword="true"/> when <paramref name="result"/> is the answer.</returns>
    public static bool TryShortcut(PrunableText text, int budget, ITokenCounter counter, string method, out CompressedText result)
    {
        string source = text.Source;
        if (source.Length == 0)
        {
            result = CompressedText.Unchanged(source, method);
            return true;
        }

        if (budget == 0)
        {
            result = CompressedText.FromSpans(source, [], method);
            return true;
        }

        if (!text.HasMarkup)
        {
            if (counter.CountTokens(source) <= budget)
            {
                result = CompressedText.Unchanged(source, method);
                return true;
            }
        }
        else
        {
            bool hasRate = false;
            foreach (MarkupRegion region in text.Regions)
            {
                hasRate |= region.Kind == MarkupRegionKind.Rate;
            }

            if (!hasRate)
            {
                CompressedText stripped = CompressedText.FromSpans(source, text.AllUnitSpans(), method);
                if (counter.CountTokens(stripped.Text) <= budget)
                {
                    result = stripped;
                    return true;
                }
            }
        }

        result = null!;
        return false;
    }
}
