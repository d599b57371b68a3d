namespace Squeeze.Code;

/// <summary>
/// What the coarse stage knows about a unit when a query is given, and the logistic model that turns it into the chance that
/// the query's code uses the unit (the weights not set by <see cref="CodeCompressionOptions"/> were fitted with it on the
/// development set of docs/benchmarks.md, section 6; the quality harness's <c>--unit-signals</c> dumps these to refit).
/// With a code-use classifier its log-odds join as one more term, fitted with the other weights held at their defaults:
/// <see cref="CodeUseBias"/> plus <see cref="CodeCompressionOptions.CodeUseWeight"/> times the log-odds, less the share of the
/// relevance and private-function evidence that the classifier already carries.
/// </summary>
/// <param name="RelevanceRank">1 / (1 + r) for a unit with r units more relevant to the query (by BM25, or fused with the scorer's).</param>
/// <param name="BestCaller">The best relevance-plus-named score among the unit's callers, each shared among the units of the called name.</param>
/// <param name="FanIn">How many units call it, relative to the most-called unit.</param>
/// <param name="Proximity">Closeness to a unit the query names, in the same file.</param>
/// <param name="CallerRelevance">The summed relevance of its callers that the query does not name, relative to the largest such sum.</param>
/// <param name="IsPrivate">Whether it is a private function (a Python <c>_name</c>, an unexported Go function, a <c>private</c> method ...).</param>
/// <param name="IsUncalledPrivate">Whether it is a private function that nothing in the input calls and the query does not name.</param>
/// <param name="CodeUse">The code-use classifier's log-odds that the query's code uses the unit; <see langword="null"/> without a classifier.</param>
internal readonly record struct UnitSignals(double RelevanceRank, double BestCaller, double FanIn, double Proximity, double CallerRelevance, bool IsPrivate, bool IsUncalledPrivate, float? CodeUse)
{
    /// <summary>The model's intercept (about 1 unit in 18 of the development set is a callee).</summary>
    public const double UseLogitBias = -5.3;

    /// <summary>The model's weight of <see cref="RelevanceRank"/>.</summary>
    public const double RelevanceRankWeight = 2;

    /// <summary>What the model adds to the log-odds of every unit when a code-use classifier is used.</summary>
    public const double CodeUseBias = 1.456;

    /// <summary>How much of <see cref="RelevanceRankWeight"/> the classifier's judgement makes redundant (taken off when it is used).</summary>
    public const double CodeUseRelevanceOverlap = 0.459;

    /// <summary>How much of the private-function weight the classifier's judgement makes redundant (taken off when it is used).</summary>
    public const double CodeUsePrivateOverlap = 1.01;

    /// <summary>The log-odds that the query's code uses the unit.</summary>
    public double Logit(CodeCompressionOptions options) =>
        UseLogitBias + (RelevanceRankWeight * RelevanceRank) + (options.CallGraphBoost * BestCaller) + (options.FanInBoost * FanIn)
        + (options.ProximityBoost * Proximity) + (options.CallerRelevanceBoost * CallerRelevance)
        + (IsPrivate ? options.PrivateFunctionBoost : 0) + (IsUncalledPrivate ? options.UncalledHelperBoost : 0)
        + (CodeUse is float use
            ? CodeUseBias + (options.CodeUseWeight * use) - (CodeUseRelevanceOverlap * RelevanceRank) - (IsPrivate ? CodeUsePrivateOverlap : 0)
            : 0);
}
