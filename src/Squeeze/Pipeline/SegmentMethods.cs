using Microsoft.Extensions.AI;
using Squeeze.Code;
using Squeeze.Extractive;
using Squeeze.TokenPruning;

namespace Squeeze.Pipeline;

/// <summary>The per-segment methods the pipeline routes to.</summary>
/// <param name="Extractive">Sentence and passage selection.</param>
/// <param name="Tokens">Token pruning.</param>
/// <param name="Code">Code compression.</param>
internal sealed record SegmentMethods(ISegmentCompressor Extractive, ISegmentCompressor Tokens, ISegmentCompressor Code)
{
    /// <summary>Creates the methods, model-based when a scorer is given, model-free otherwise.</summary>
    /// <param name="scorer">The scorer, or <see langword="null"/>.</param>
    /// <param name="embeddings">An embedding generator for semantic relevance, or <see langword="null"/>.</param>
    /// <param name="codeUse">A code-use classifier for ranking code, or <see langword="null"/>.</param>
    /// <returns>The methods.</returns>
    public static SegmentMethods Create(ITokenScorer? scorer, IEmbeddingGenerator<string, Embedding<float>>? embeddings, ICodeUseClassifier? codeUse = null)
    {
        scorer = scorer is null ? null : new ValidatingTokenScorer(scorer);
        ISegmentCompressor tokens = scorer is null ? new UnigramTokenPruner() : new LongLlmLinguaCompressor(scorer);
        ISegmentCompressor extractive = scorer is null && embeddings is null ? new ExtractiveCompressor() : new ExtractiveCompressor(scorer, embeddings);
        return new SegmentMethods(extractive, tokens, new CodeCompressor(scorer, null, codeUse));
    }
}
