using Squeeze.Scoring;

namespace Squeeze;

/// <summary>The process-wide built-in squeeze-mini scorer, loaded once on first use and shared (it is thread-safe).</summary>
internal static class BuiltInScorer
{
    private static readonly Lazy<OnnxTokenScorer> _scorer = new(() => OnnxTokenScorer.CreateBuiltIn(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Gets the built-in scorer.</summary>
    /// <returns>The scorer.</returns>
    /// <exception cref="SqueezeException">The model could not be loaded (the exception is cached: later calls throw it again).</exception>
    public static ITokenScorer Get() => _scorer.Value;
}
