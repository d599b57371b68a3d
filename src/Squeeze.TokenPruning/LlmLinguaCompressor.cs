namespace Squeeze.TokenPruning;

/// <summary>
/// LLMLingua token pruning driven by an <see cref="ITokenScorer"/>: a budget controller drops whole sentences of low mean surprisal,
/// then iterative token-level compression keeps the most surprising words of each segment, conditioned on the compressed text before it.
/// </summary>
/// <remarks>
/// Words are kept or dropped whole (a word is as informative as its most surprising scorer token) with their leading whitespace and
/// punctuation, in their original order; nothing is inserted, and markup tags (<see cref="TokenPruningOptions.ParseMarkup"/>) are the only
/// other text removed. The result is fitted to the budget exactly with the request's counter. Thread-safe when the scorer is.
/// </remarks>
public sealed class LlmLinguaCompressor : ISegmentCompressor
{
    private readonly ITokenScorer _scorer;
    private readonly TokenPruningOptions _options;

    /// <summary>Initializes a new compressor.</summary>
    /// <param name="scorer">The token scorer.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    public LlmLinguaCompressor(ITokenScorer scorer, TokenPruningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        _scorer = scorer;
        _options = options ?? new TokenPruningOptions();
    }

    /// <inheritdoc />
    /// <value>"tokens-llmlingua".</value>
    public string Name => "tokens-llmlingua";

    /// <inheritdoc />
    /// <remarks>The query is not used: see <see cref="LongLlmLinguaCompressor"/> for question-aware pruning.</remarks>
    public Task<CompressedText> CompressAsync(SegmentCompressionRequest request, CancellationToken cancellationToken = default) =>
        CompressAsync(request, protectedSpans: null, cancellationToken);

    /// <summary>Compresses the request's text, keeping <paramref name="protectedSpans"/> whole.</summary>
    /// <param name="request">The text, budget and counter.</param>
    /// <param name="protectedSpans">Spans of the request's text to keep; every word they overlap is kept.</param>
    /// <param name="cancellationToken">A token to cancel compression.</param>
    /// <returns>The compressed text, within the budget.</returns>
    public Task<CompressedText> CompressAsync(SegmentCompressionRequest request, IReadOnlyList<TextSpan>? protectedSpans, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        PrunableText text = PrunableText.Create(request.Text, _options, protectedSpans, forceWord: null);
        return LlmLinguaEngine.CompressAsync(text, request.TokenBudget, request.Counter, _scorer, _options, question: null, Name, cancellationToken);
    }
}
