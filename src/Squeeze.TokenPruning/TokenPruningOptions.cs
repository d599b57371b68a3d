namespace Squeeze.TokenPruning;

/// <summary>
/// Settings of the token pruners (<see cref="UnigramTokenPruner"/>, <see cref="LlmLinguaCompressor"/>,
/// <see cref="LongLlmLinguaCompressor"/>). Every setter validates its value and throws
/// <see cref="ArgumentOutOfRangeException"/> or <see cref="ArgumentNullException"/> naming the option.
/// </summary>
public sealed class TokenPruningOptions
{
    /// <summary>Gets or sets the size of one segment of the iterative token-level pass, in tokens (measured with the target counter as a proxy for scorer tokens).</summary>
    /// <value>The default is 200; at least 1.</value>
    public int IterativeSize
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(IterativeSize));
            field = value;
        }
    } = 200;

    /// <summary>Gets or sets a value indicating whether a coarse pass first drops whole sentences of low mean surprisal (the budget controller).</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool UseCoarseSentencePass { get; set; } = true;

    /// <summary>Gets or sets how much text the coarse pass keeps for the token pass, as a multiple of the budget (the margin left to token-level pruning).</summary>
    /// <value>The default is 1.5; at least 1.</value>
    public double CoarseBudgetMultiplier
    {
        get;
        set
        {
            if (!double.IsFinite(value) || value < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(CoarseBudgetMultiplier), value, "CoarseBudgetMultiplier must be a finite number of at least 1.");
            }

            field = value;
        }
    } = 1.5;

    /// <summary>
    /// Gets or sets a value indicating whether each segment of the token pass is scored conditioned on the already-compressed text before
    /// it (LLMLingua's iterative compression, through an <see cref="IScoringSession"/>), rather than on its own.
    /// </summary>
    /// <value>The default is <see langword="true"/>. How much of the prefix the model reads is bounded by the scorer's window.</value>
    public bool ConditionOnCompressedPrefix { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether line breaks are always kept.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool ForceKeepNewlines { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether question marks are always kept.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool ForceKeepQuestionMarks { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether words containing digits (numbers, dates, versions, identifiers) are always kept.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool ForceKeepDigits { get; set; } = true;

    /// <summary>Gets or sets strings that are always kept wherever they occur (ordinal match); every word they overlap is kept whole.</summary>
    /// <value>The default is empty.</value>
    public IReadOnlyList<string> ForceKeepStrings
    {
        get;
        set
        {
            ArgumentNullException.ThrowIfNull(value, nameof(ForceKeepStrings));
            field = value;
        }
    } = [];

    /// <summary>
    /// Gets or sets a value indicating whether inline markup is honoured: <c>&lt;squeeze keep&gt;…&lt;/squeeze&gt;</c> keeps its content verbatim and
    /// <c>&lt;squeeze rate="0.3"&gt;…&lt;/squeeze&gt;</c> keeps about that fraction of its content's tokens. The tags themselves are removed from the
    /// output, even when nothing else is; they are the only input text removed other than pruned words. See <see cref="SqueezeMarkupParser"/>.
    /// </summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool ParseMarkup { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether the first sentence is always kept.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool KeepFirstSentence { get; set; }

    /// <summary>Gets or sets a value indicating whether the last sentence is always kept.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool KeepLastSentence { get; set; }

    /// <summary>
    /// Gets or sets the least unigram self-information, in bits, of a query word for <see cref="UnigramTokenPruner"/> to keep it
    /// wherever it occurs (so that common words in the query, such as "the", are not forced).
    /// </summary>
    /// <value>The default is 11 bits (about the 2,000 most frequent words are below it).</value>
    public double QueryWordMinBits
    {
        get;
        set
        {
            if (!double.IsFinite(value) || value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(QueryWordMinBits), value, "QueryWordMinBits must be a finite, non-negative number.");
            }

            field = value;
        }
    } = 11;

    /// <summary>Gets or sets a value indicating whether token-level pruning is question-aware when a query is given: words are scored by contrastive surprisal, s(word | prefix) - s(word | question, prefix).</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool QuestionAwareTokenPruning { get; set; } = true;

    /// <summary>Gets or sets how <see cref="LongLlmLinguaCompressor"/> ranks documents by relevance to the question.</summary>
    /// <value>The default is <see cref="DocumentRankingMethod.QuestionGivenDocument"/>.</value>
    public DocumentRankingMethod RankingMethod
    {
        get;
        set
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(RankingMethod), value, "Unknown ranking method.");
            }

            field = value;
        }
    } = DocumentRankingMethod.QuestionGivenDocument;

    /// <summary>Gets or sets the order of the compressed documents.</summary>
    /// <value>The default is <see cref="DocumentOrder.MostRelevantFirst"/>.</value>
    public DocumentOrder DocumentOrder
    {
        get;
        set
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(DocumentOrder), value, "Unknown document order.");
            }

            field = value;
        }
    } = DocumentOrder.MostRelevantFirst;

    /// <summary>
    /// Gets or sets the spread of the dynamic compression ratio: the most relevant document gets a budget share weighted 1 + spread,
    /// the least relevant 1 - spread, linearly by rank in between.
    /// </summary>
    /// <value>The default is 0.5; from 0 (same ratio for all) to 1 (the least relevant document gets nothing).</value>
    public double DynamicRatioSpread
    {
        get;
        set
        {
            if (!double.IsFinite(value) || value < 0 || value > 1)
            {
                throw new ArgumentOutOfRangeException(nameof(DynamicRatioSpread), value, "DynamicRatioSpread must be between 0 and 1.");
            }

            field = value;
        }
    } = 0.5;

    /// <summary>Gets or sets text appended to the question when documents are ranked by the question's surprisal (LongLLMLingua's restrictive statement).</summary>
    /// <value>The default is " We can get the answer to this question in the given documents.".</value>
    public string RankingQuestionSuffix
    {
        get;
        set
        {
            ArgumentNullException.ThrowIfNull(value, nameof(RankingQuestionSuffix));
            field = value;
        }
    } = " We can get the answer to this question in the given documents.";

    /// <summary>Gets or sets the text placed between documents in <see cref="DocumentCompressionResult.Text"/>.</summary>
    /// <value>The default is two line breaks.</value>
    public string DocumentSeparator
    {
        get;
        set
        {
            ArgumentNullException.ThrowIfNull(value, nameof(DocumentSeparator));
            field = value;
        }
    } = "\n\n";

    internal TokenPruningOptions Clone() => (TokenPruningOptions)MemberwiseClone();
}
