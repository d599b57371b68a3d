namespace Squeeze;

/// <summary>The process-wide built-in squeeze-mini scorer, loaded once on first use.</summary>
internal static class BuiltInScorer
{
    /// <summary>Gets the built-in scorer.</summary>
    /// <returns>The scorer.</returns>
    /// <exception cref="SqueezeException">The model could not be loaded.</exception>
    public static ITokenScorer Get() => throw new SqueezeException("The built-in scoring model is not available in this build.");
}
