namespace Squeeze.TokenPruning;

/// <summary>How <see cref="LongLlmLinguaCompressor"/> ranks documents by relevance to a question.</summary>
public enum DocumentRankingMethod
{
    /// <summary>Mean surprisal of the question given the document: the lower, the more relevant (LongLLMLingua's coarse ranking).</summary>
    QuestionGivenDocument,

    /// <summary>Mean surprisal of the document without the question minus with the question in front: the higher, the more relevant.</summary>
    Contrastive,
}
