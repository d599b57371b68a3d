namespace Squeeze.TokenPruning;

/// <summary>One document compressed by <see cref="LongLlmLinguaCompressor.CompressDocumentsAsync"/>.</summary>
public sealed class CompressedDocument
{
    internal CompressedDocument(int index, int rank, double relevance, CompressedText compressed, int tokensBefore, int tokensAfter)
    {
        Index = index;
        Rank = rank;
        Relevance = relevance;
        Compressed = compressed;
        TokensBefore = tokensBefore;
        TokensAfter = tokensAfter;
    }

    /// <summary>Gets the document's index in the input.</summary>
    public int Index { get; }

    /// <summary>Gets the document's relevance rank: 0 for the most relevant.</summary>
    public int Rank { get; }

    /// <summary>Gets the relevance score the rank was computed from (higher is more relevant; its scale depends on the ranking method).</summary>
    public double Relevance { get; }

    /// <summary>Gets the compressed document, with the spans of the original that were kept.</summary>
    public CompressedText Compressed { get; }

    /// <summary>Gets the kept text.</summary>
    public string Text => Compressed.Text;

    /// <summary>Gets the document's target tokens before compression.</summary>
    public int TokensBefore { get; }

    /// <summary>Gets the document's target tokens after compression.</summary>
    public int TokensAfter { get; }

    /// <summary>Gets the fraction of tokens kept, after over before (1 for an empty document).</summary>
    public double KeepRatio => TokensBefore == 0 ? 1 : (double)TokensAfter / TokensBefore;
}
