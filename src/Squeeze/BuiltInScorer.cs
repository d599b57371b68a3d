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

    /// <summary>Gets the scorer that <paramref name="options"/> ask for: theirs, the built-in one, or none.</summary>
    /// <param name="options">The options.</param>
    /// <param name="error">Why the built-in model could not be loaded, if it could not.</param>
    /// <returns>The scorer, or <see langword="null"/> for model-free methods.</returns>
    public static ITokenScorer? Resolve(SqueezeOptions options, out SqueezeException? error)
    {
        error = null;
        if (options.Scorer is not null || !options.UseBuiltInModel)
        {
            return options.Scorer;
        }

        try
        {
            return Get();
        }
        catch (SqueezeException ex)
        {
            error = ex;
            return null;
        }
    }
}
