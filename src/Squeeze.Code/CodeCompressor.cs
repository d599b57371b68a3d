namespace Squeeze.Code;

/// <summary>
/// Compresses source code in the style of LongCodeZip: first whole units (functions, types, statements) are ranked by
/// relevance to the query and kept while they fit, then the body of the unit that does not fit whole is cut to its best
/// statement blocks by a 0/1 knapsack. Units left out keep their signature with the body elided while the budget allows.
/// The output is made only of spans of the input in order, joined by the documented <see cref="ElisionMarkers"/>.
/// </summary>
/// <remarks>
/// With an <see cref="ITokenScorer"/> the relevance of a unit is LongCodeZip's approximated mutual information (the mean
/// surprisal of the query alone minus that given the unit) and blocks also split where line surprisal shifts; without one
/// it is BM25 over identifier parts (camelCase and snake_case split). Either way a unit named in the query, or one that
/// calls or is called by a relevant unit, ranks higher. With an <see cref="ICodeUseClassifier"/> (such as squeeze-mini's), the
/// classifier's judgement of whether the query's code uses a unit joins those signals. Thread-safe.
/// </remarks>
public sealed class CodeCompressor : ISegmentCompressor
{
    private readonly ITokenScorer? _scorer;
    private readonly ICodeUseClassifier? _classifier;
    private readonly CodeCompressionOptions _options;

    /// <summary>Initializes a new compressor.</summary>
    /// <param name="scorer">A small causal language model for the mutual-information ranking; <see langword="null"/> for the model-free BM25 ranking.</param>
    /// <param name="options">Settings; <see langword="null"/> for the defaults. They are copied.</param>
    /// <param name="classifier">A classifier of which units the query's code uses; <see langword="null"/> to rank without one.</param>
    public CodeCompressor(ITokenScorer? scorer = null, CodeCompressionOptions? options = null, ICodeUseClassifier? classifier = null)
    {
        _scorer = scorer;
        _classifier = classifier;
        _options = (options ?? new CodeCompressionOptions()).Clone();
        Name = CompressionPlanner.MethodName(scorer, classifier);
    }

    /// <summary>Gets "code-longcodezip" when a scorer is used, otherwise "code-bm25"; either followed by "-use" when a classifier is used.</summary>
    public string Name { get; }

    /// <summary>Compresses the request's code to at most its token budget, markers included.</summary>
    /// <param name="request">The code, its language hint (<see cref="SegmentCompressionRequest.Language"/>: a file name, extension or fence tag), budget, counter and query.</param>
    /// <param name="cancellationToken">A token to cancel compression.</param>
    /// <returns>The compressed code; the input unchanged when it already fits.</returns>
    /// <exception cref="OperationCanceledException">The operation was canceled.</exception>
    public Task<CompressedText> CompressAsync(SegmentCompressionRequest request, CancellationToken cancellationToken = default) =>
        CompressAsync(request, rankingObserver: null, cancellationToken);

    /// <summary>Compresses as <see cref="CompressAsync(SegmentCompressionRequest, CancellationToken)"/>, handing the ranked units, with their final states, to <paramref name="rankingObserver"/> (not called when the input fits).</summary>
    internal async Task<CompressedText> CompressAsync(SegmentCompressionRequest request, Action<IReadOnlyList<UnitPlan>>? rankingObserver, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        string text = request.Text;
        if (text.Length == 0 || request.Counter.CountTokens(text) <= request.TokenBudget)
        {
            return CompressedText.Unchanged(text, Name);
        }

        CodeLanguage language = LanguageDetector.Resolve(request.Language, text);
        ParsedCode code = ParsedCode.Create(text, language, cancellationToken);
        var results = await CompressionPlanner.CompressAsync([code], canCloseFiles: false, request.Query, request.TokenBudget, request.Counter, _scorer, _classifier, _options, Name, rankingObserver, cancellationToken).ConfigureAwait(false);
        return results[0].Result;
    }
}
