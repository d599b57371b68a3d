namespace Squeeze.Code;

/// <summary>
/// What the coarse stage knows about a unit when a query is given, and the logistic model that turns it into the chance that
/// the query's code uses the unit (the weights not set by <see cref="CodeCompressionOptions"/> were fitted with it on the
/// development set of docs/benchmarks.md, section 6; the quality harness's <c>--unit-signals</c> dumps these to refit).
/// </summary>
/// <param name="RelevanceRank">1 / (1 + r) for a unit with r units more relevant to the query (by BM25, or fused with the scorer's).</param>
/// <param name="BestCaller">The best relevance-plus-named score among the unit's callers, each shared among the units of the called name.</param>
/// <param name="FanIn">How many units call it, relative to the most-called unit.</param>
/// <param name="Proximity">Closeness to a unit the query names, in the same file.</param>
/// <param name="CallerRelevance">The summed relevance of its callers that the query does not name, relative to the largest such sum.</param>
/// <param name="IsPrivate">Whether it is a private function (a Python <c>_name</c>, an unexported Go function, a <c>private</c> method ...).</param>
/// <param name="IsUncalledPrivate">Whether it is a private function that nothing in the input calls and the query does not name.</param>
internal readonly record struct UnitSignals(double RelevanceRank, double BestCaller, double FanIn, double Proximity, double CallerRelevance, bool IsPrivate, bool IsUncalledPrivate)
{
    /// <summary>The model's intercept (about 1 unit in 18 of the development set is a callee).</summary>
    public const double UseLogitBias = -5.3;

    /// <summary>The model's weight of <see cref="RelevanceRank"/>.</summary>
    public const double RelevanceRankWeight = 2;

    /// <summary>The log-odds that the query's code uses the unit.</summary>
    public double Logit(CodeCompressionOptions options) =>
        UseLogitBias + (RelevanceRankWeight * RelevanceRank) + (options.CallGraphBoost * BestCaller) + (options.FanInBoost * FanIn)
        + (options.ProximityBoost * Proximity) + (options.CallerRelevanceBoost * CallerRelevance)
        + (IsPrivate ? options.PrivateFunctionBoost : 0) + (IsUncalledPrivate ? options.UncalledHelperBoost : 0);
}
