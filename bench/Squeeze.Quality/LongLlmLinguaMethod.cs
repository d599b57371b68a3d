using Squeeze.TokenPruning;

namespace Squeeze.Quality;

/// <summary>LongLLMLingua over the task's documents (split on the "Document [n]" headers) with the question.</summary>
internal sealed class LongLlmLinguaMethod(ITokenScorer scorer, ITokenCounter counter) : ICompressionMethod
{
    private readonly LongLlmLinguaCompressor _compressor = new(scorer);

    public string Name => "tokens-longllmlingua";

    public async Task<string> CompressAsync(QualityTask task, int budget, CancellationToken cancellationToken)
    {
        DocumentCompressionResult result = await _compressor.CompressDocumentsAsync(DocumentSplitter.Split(task.Context), task.Question, budget, counter, cancellationToken);
        return result.Text;
    }
}
