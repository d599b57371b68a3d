namespace Squeeze.TokenPruning;

/// <summary>The output of <see cref="LongLlmLinguaCompressor.CompressDocumentsAsync"/>.</summary>
public sealed class DocumentCompressionResult
{
    internal DocumentCompressionResult(IReadOnlyList<CompressedDocument> documents, string text, int tokenCount)
    {
        Documents = documents;
        Text = text;
        TokenCount = tokenCount;
    }

    /// <summary>Gets the compressed documents in output order (see <see cref="TokenPruningOptions.DocumentOrder"/>), empty ones included.</summary>
    public IReadOnlyList<CompressedDocument> Documents { get; }

    /// <summary>Gets the non-empty compressed documents in output order, joined with <see cref="TokenPruningOptions.DocumentSeparator"/>.</summary>
    public string Text { get; }

    /// <summary>Gets the target tokens of <see cref="Text"/>; at most the budget.</summary>
    public int TokenCount { get; }
}
