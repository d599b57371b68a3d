using Squeeze.TokenPruning;

namespace Squeeze.Fuzz;

/// <summary>
/// Target "unigram": <see cref="UnigramTokenPruner"/> with a small budget (0–63 o200k tokens, derived from the input), without and with a query;
/// the output fits the budget, is an in-order subsequence of the input, and equals the input (markup tags removed) when it already fits.
/// </summary>
internal static class UnigramTarget
{
    public const string Name = "unigram";

    private static readonly UnigramTokenPruner _pruner = new();

    public static void Run(ReadOnlySpan<byte> data)
    {
        string text = FuzzInput.Decode(data);
        int budget = FuzzInput.SmallBudget(data);
        ITokenCounter counter = Counters.O200k;
        bool fits = counter.CountTokens(text) <= budget;

        // Within budget the input comes back unchanged, except that well-formed <squeeze …> tags are removed (they are instructions,
        // not content); a rate="…" region is pruned to its rate even then, so the check is skipped when one is present.
        SqueezeMarkup markup = SqueezeMarkupParser.Parse(text);
        string unchanged = markup.StripTags();
        foreach (MarkupRegion region in markup.Regions)
        {
            fits &= region.Kind != MarkupRegionKind.Rate;
        }
        string query = text.Length > 40 ? text[..40] : text;
        foreach (string? q in new[] { null, query })
        {
            var request = new SegmentCompressionRequest(text, budget, counter) { Query = q };
            CompressedText result = _pruner.CompressAsync(request).GetAwaiter().GetResult();
            int tokens = counter.CountTokens(result.Text);
            Check.That(tokens <= budget, Name, $"output has {tokens} tokens, budget {budget}");
            Check.Subsequence(Name, text, result.KeptSpans, result.Text);
            Check.NoSplitSurrogates(Name, text, result.KeptSpans);
            Check.That(!fits || result.Text == unchanged, Name, "input within budget was changed (beyond removing markup tags)");
        }
    }
}
