namespace Squeeze.TokenPruning;

/// <summary>
/// LLMLingua-2 token pruning: a token-classification scorer (such as <c>Squeeze.Scoring.OnnxTokenClassifierScorer</c>) gives every word
/// a keep probability, and the words of highest probability are kept, in order, until the budget is met.
/// </summary>
/// <remarks>
/// The classifier reads the whole text at once, so there is no budget controller, no iterative conditioning and no question-aware
/// scoring: one scorer call, one global ranking (<see cref="TokenPruningOptions.UseCoarseSentencePass"/>,
/// <see cref="TokenPruningOptions.ConditionOnCompressedPrefix"/>, <see cref="TokenPruningOptions.QuestionAwareTokenPruning"/> and
/// <see cref="TokenPruningOptions.IterativeSize"/> are overridden). The controls (force-kept characters and strings, markup, first and
/// last sentences, protected spans) apply as for <see cref="LlmLinguaCompressor"/>. Thread-safe when the scorer is.
/// </remarks>
public sealed class LlmLingua2Compressor : ISegmentCompressor
{
    private readonly ITokenScorer _scorer;
    private readonly TokenPruningOptions _options;

    /// <summary>Initializes a new compressor.</summary>
    /// <param name="scorer">A scorer whose values are keep probabilities (higher = keep).</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    public LlmLingua2Compressor(ITokenScorer scorer, TokenPruningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        _scorer = scorer;
        _options = (options ?? new TokenPruningOptions()).Clone();
        _options.UseCoarseSentencePass = false;
        _options.ConditionOnCompressedPrefix = false;
        _options.QuestionAwareTokenPruning = false;
        _options.IterativeSize = int.MaxValue;
    }

    /// <inheritdoc />
    /// <value>"tokens-llmlingua2".</value>
    public string Name => "tokens-llmlingua2";

    /// <inheritdoc />
    /// <remarks>The query is not used: LLMLingua-2 is task-agnostic.</remarks>
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
