namespace Squeeze.Code;

/// <summary>Settings of <see cref="CodeCompressor"/> and <see cref="CodeRepositoryCompressor"/>. Every setter validates its value.</summary>
public sealed class CodeCompressionOptions
{
    /// <summary>
    /// Gets or sets the share of the budget (after the file skeleton and the units the query names) held back from whole units for
    /// the signatures of the others. Signatures also get whatever the whole units leave over.
    /// </summary>
    /// <value>The default is 0.05. Between 0 and 1.</value>
    public double SignatureBudgetShare
    {
        get;
        set => field = double.IsFinite(value) && value is >= 0 and <= 1 ? value
            : throw new ArgumentOutOfRangeException(nameof(SignatureBudgetShare), value, "SignatureBudgetShare must be between 0 and 1.");
    } = 0.05;

    /// <summary>Gets or sets a value indicating whether units that do not fit keep their signature with the body elided (otherwise they are dropped whole).</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool KeepSignatures { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether a kept function or member keeps the doc comment above it as one piece with its code.
    /// When <see langword="false"/>, those comments give way to code: they are elided (one marker each) and come back, cheapest
    /// first, with whatever room the code leaves; the units the query names keep theirs.
    /// </summary>
    /// <value>The default is <see langword="false"/>: under a tight budget the code of one more helper is worth more than the comments of those kept.</value>
    public bool KeepDocComments { get; set; }

    /// <summary>Gets or sets the most lines a block of the fine stage may have before it is split at the next statement boundary.</summary>
    /// <value>The default is 4. At least 1.</value>
    public int MaxBlockLines
    {
        get;
        set => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxBlockLines), value, "MaxBlockLines must be at least 1.");
    } = 4;

    /// <summary>Gets or sets the fewest tokens worth spending on the kept blocks of a partially kept unit.</summary>
    /// <value>The default is 24. At least 0.</value>
    public int MinPartialTokens
    {
        get;
        set => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(MinPartialTokens), value, "MinPartialTokens must not be negative.");
    } = 24;

    /// <summary>
    /// Gets or sets the score added to a unit whose name appears in the query. The other units score the chance, between 0 and 1,
    /// that the query's code uses them: a logistic model of the signals weighted by the boosts below, which are in logits.
    /// </summary>
    /// <value>The default is 2. At least 0.</value>
    public double NamedUnitBoost
    {
        get;
        set => field = double.IsFinite(value) && value >= 0 ? value
            : throw new ArgumentOutOfRangeException(nameof(NamedUnitBoost), value, "NamedUnitBoost must be a finite number of at least 0.");
    } = 2;

    /// <summary>Gets or sets the weight of the best score among a unit's callers in the call graph (a unit that a relevant unit calls).</summary>
    /// <value>The default is 0.6. At least 0.</value>
    public double CallGraphBoost
    {
        get;
        set => field = double.IsFinite(value) && value >= 0 ? value
            : throw new ArgumentOutOfRangeException(nameof(CallGraphBoost), value, "CallGraphBoost must be a finite number of at least 0.");
    } = 0.6;

    /// <summary>
    /// Gets or sets the weight of the relevance of a unit's callers: the sum over the units that call it of their relevance to the
    /// query, relative to the unit where that sum is largest (the helpers that code like the query's uses).
    /// </summary>
    /// <value>The default is 1.75. At least 0.</value>
    public double CallerRelevanceBoost
    {
        get;
        set => field = double.IsFinite(value) && value >= 0 ? value
            : throw new ArgumentOutOfRangeException(nameof(CallerRelevanceBoost), value, "CallerRelevanceBoost must be a finite number of at least 0.");
    } = 1.75;

    /// <summary>Gets or sets the weight of a unit's fan-in: how many other units call it, relative to the most-called unit.</summary>
    /// <value>The default is 0: fit with the other signals, its weight came out near zero (-0.1). At least 0.</value>
    public double FanInBoost
    {
        get;
        set => field = double.IsFinite(value) && value >= 0 ? value
            : throw new ArgumentOutOfRangeException(nameof(FanInBoost), value, "FanInBoost must be a finite number of at least 0.");
    }

    /// <summary>
    /// Gets or sets the weight of a unit's closeness to a unit the query names, in the same file: 1 / (1 + d / 4) for a unit d units away.
    /// </summary>
    /// <value>The default is 2.7. At least 0.</value>
    public double ProximityBoost
    {
        get;
        set => field = double.IsFinite(value) && value >= 0 ? value
            : throw new ArgumentOutOfRangeException(nameof(ProximityBoost), value, "ProximityBoost must be a finite number of at least 0.");
    } = 2.7;

    /// <summary>
    /// Gets or sets how many of the best-scored units (not counting those the query names) are kept whole before the rest are
    /// taken by score per token, each only if it costs at most a quarter of the budget left: a mid-sized unit the query is about
    /// is not crowded out by many cheap, weakly relevant ones. 0 takes every unit by score per token.
    /// </summary>
    /// <value>The default is 8. At least 0.</value>
    public int TopUnitsFirst
    {
        get;
        set => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(TopUnitsFirst), value, "TopUnitsFirst must not be negative.");
    } = 8;

    /// <summary>
    /// Gets or sets the weight of being a function that its language's conventions mark as private (a Python <c>_name</c>, an
    /// unexported Go function, a <c>private</c> method, a Rust function without <c>pub</c>, a C <c>static</c>): helpers are what code uses.
    /// </summary>
    /// <value>The default is 1.35. At least 0.</value>
    public double PrivateFunctionBoost
    {
        get;
        set => field = double.IsFinite(value) && value >= 0 ? value
            : throw new ArgumentOutOfRangeException(nameof(PrivateFunctionBoost), value, "PrivateFunctionBoost must be a finite number of at least 0.");
    } = 1.35;

    /// <summary>
    /// Gets or sets the weight added, on top of <see cref="PrivateFunctionBoost"/>, to a private function that nothing else in the
    /// input calls: such a helper exists for code that is missing, which is often the code the query asks about.
    /// </summary>
    /// <value>The default is 2.1. At least 0.</value>
    public double UncalledHelperBoost
    {
        get;
        set => field = double.IsFinite(value) && value >= 0 ? value
            : throw new ArgumentOutOfRangeException(nameof(UncalledHelperBoost), value, "UncalledHelperBoost must be a finite number of at least 0.");
    } = 2.1;

    /// <summary>
    /// Gets or sets the weight of a code-use classifier's log-odds that the query's code uses a unit, when the compressor has a
    /// classifier (<see cref="ICodeUseClassifier"/>).
    /// </summary>
    /// <value>The default is 0.534, fitted for squeeze-mini's classifier on the development set with the other weights at their
    /// defaults (bench/Squeeze.Quality/fit_use_model.py). At least 0.</value>
    public double CodeUseWeight
    {
        get;
        set => field = double.IsFinite(value) && value >= 0 ? value
            : throw new ArgumentOutOfRangeException(nameof(CodeUseWeight), value, "CodeUseWeight must be a finite number of at least 0.");
    } = 0.534;

    /// <summary>Gets or sets the change in line-level mean surprisal (in nats) that starts a new block when a scorer is used.</summary>
    /// <value>The default is 2. Greater than 0.</value>
    public double SurprisalShiftThreshold
    {
        get;
        set => field = double.IsFinite(value) && value > 0 ? value
            : throw new ArgumentOutOfRangeException(nameof(SurprisalShiftThreshold), value, "SurprisalShiftThreshold must be a positive finite number.");
    } = 2;

    /// <summary>
    /// Gets or sets the weight of the scorer's relevance (LongCodeZip's mutual information between a unit or block and the query,
    /// min-max normalised) in the relevance used when a scorer is given; the rest is the BM25 relevance to the query, normalised to
    /// at most 1. 0 ranks by BM25 alone (the scorer still splits blocks); 1 by the model alone.
    /// </summary>
    /// <value>The default is 0.15. Between 0 and 1.</value>
    public double ModelRelevanceWeight
    {
        get;
        set => field = double.IsFinite(value) && value is >= 0 and <= 1 ? value
            : throw new ArgumentOutOfRangeException(nameof(ModelRelevanceWeight), value, "ModelRelevanceWeight must be between 0 and 1.");
    } = 0.15;

    /// <summary>Gets or sets how many texts are sent to the scorer in one batch.</summary>
    /// <value>The default is 16. At least 1.</value>
    public int ScoringBatchSize
    {
        get;
        set => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(ScoringBatchSize), value, "ScoringBatchSize must be at least 1.");
    } = 16;

    /// <summary>Gets or sets the most characters of a unit given to the scorer as the prefix of the query (longer units are cut).</summary>
    /// <value>The default is 6000. At least 64.</value>
    public int MaxScoredCharacters
    {
        get;
        set => field = value >= 64 ? value : throw new ArgumentOutOfRangeException(nameof(MaxScoredCharacters), value, "MaxScoredCharacters must be at least 64.");
    } = 6000;

    internal CodeCompressionOptions Clone() => (CodeCompressionOptions)MemberwiseClone();
}
