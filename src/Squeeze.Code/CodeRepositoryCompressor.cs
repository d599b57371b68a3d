namespace Squeeze.Code;

/// <summary>
/// Compresses many source files into one token budget: ranks the units of all files together (so the budget goes to the
/// files the query needs), then compresses each file as <see cref="CodeCompressor"/> does. A file none of whose units is
/// kept is left out entirely (its compressed text is empty).
/// </summary>
public sealed class CodeRepositoryCompressor
{
    private readonly ITokenScorer? _scorer;
    private readonly ICodeUseClassifier? _classifier;
    private readonly CodeCompressionOptions _options;

    /// <summary>Initializes a new compressor.</summary>
    /// <param name="scorer">A small causal language model for the mutual-information ranking; <see langword="null"/> for BM25.</param>
    /// <param name="options">Settings; <see langword="null"/> for the defaults. They are copied.</param>
    /// <param name="classifier">A classifier of which units the query's code uses; <see langword="null"/> to rank without one.</param>
    public CodeRepositoryCompressor(ITokenScorer? scorer = null, CodeCompressionOptions? options = null, ICodeUseClassifier? classifier = null)
    {
        _scorer = scorer;
        _classifier = classifier;
        _options = (options ?? new CodeCompressionOptions()).Clone();
        Name = CompressionPlanner.MethodName(scorer, classifier);
    }

    /// <summary>Gets "code-longcodezip" when a scorer is used, otherwise "code-bm25"; either followed by "-use" when a classifier is used.</summary>
    public string Name { get; }

    /// <summary>Compresses <paramref name="files"/> so that their compressed token counts add up to at most <paramref name="tokenBudget"/>.</summary>
    /// <param name="files">The files: a path (its extension picks the language; content detection otherwise) and the text.</param>
    /// <param name="query">The question or instruction the kept code must serve; <see langword="null"/> to rank by call-graph centrality.</param>
    /// <param name="tokenBudget">The most tokens of all compressed files together, markers included.</param>
    /// <param name="counter">The target model's token counter.</param>
    /// <param name="cancellationToken">A token to cancel compression.</param>
    /// <returns>One result per file, in input order; every file unchanged when all of them fit.</returns>
    /// <exception cref="OperationCanceledException">The operation was canceled.</exception>
    public async Task<IReadOnlyList<CompressedCodeFile>> CompressAsync(
        IReadOnlyList<(string Path, string Text)> files, string? query, int tokenBudget, ITokenCounter counter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(counter);
        ArgumentOutOfRangeException.ThrowIfNegative(tokenBudget);
        var codes = new ParsedCode[files.Count];
        for (int f = 0; f < files.Count; f++)
        {
            (string path, string text) = files[f];
            ArgumentNullException.ThrowIfNull(text, nameof(files));
            CodeLanguage language = LanguageDetector.FromName(path);
            if (language == CodeLanguage.Unknown)
            {
                language = LanguageDetector.Detect(text);
            }

            codes[f] = ParsedCode.Create(text, language, cancellationToken);
        }

        var results = await CompressionPlanner.CompressAsync(codes, canCloseFiles: true, query, tokenBudget, counter, _scorer, _classifier, _options, Name, rankingObserver: null, cancellationToken).ConfigureAwait(false);
        var output = new CompressedCodeFile[files.Count];
        for (int f = 0; f < files.Count; f++)
        {
            output[f] = new CompressedCodeFile(files[f].Path, codes[f].Language, results[f].Result, results[f].TokensBefore, results[f].TokensAfter);
        }

        return output;
    }
}
