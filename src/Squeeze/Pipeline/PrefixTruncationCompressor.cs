namespace Squeeze.Pipeline;

/// <summary>
/// The last-resort method: keeps the longest prefix of the text that fits, cut at a whitespace boundary where one is near.
/// Used to trim a method's overshoot so that the budget is never exceeded.
/// </summary>
internal sealed class PrefixTruncationCompressor : ISegmentCompressor
{
    public static PrefixTruncationCompressor Instance { get; } = new();

    public string Name => "truncate";

    public Task<CompressedText> CompressAsync(SegmentCompressionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Truncate(request.Text, request.TokenBudget, request.Counter, Name));
    }

    public static CompressedText Truncate(string text, int budget, ITokenCounter counter, string method)
    {
        if (counter.CountTokens(text) <= budget)
        {
            return CompressedText.Unchanged(text, method);
        }

        int length = counter.GetPrefixLength(text, budget);
        int cut = length;
        while (cut > 0 && cut > length - 64 && !char.IsWhiteSpace(text[cut - 1]))
        {
            cut--;
        }

        if (cut == 0 || cut <= length - 64)
        {
            cut = length;
        }

        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return CompressedText.FromSpans(text, [new TextSpan(0, cut)], method);
    }
}
