namespace Squeeze.TokenPruning;

/// <summary>The order of compressed documents in a <see cref="DocumentCompressionResult"/>.</summary>
public enum DocumentOrder
{
    /// <summary>The input order.</summary>
    Original,

    /// <summary>By relevance, most relevant first.</summary>
    MostRelevantFirst,

    /// <summary>Most relevant documents at both ends and the least relevant in the middle, against "lost in the middle": ranks 1, 3, 5, …, 6, 4, 2.</summary>
    Edges,
}
