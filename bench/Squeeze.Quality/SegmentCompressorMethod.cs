namespace Squeeze.Quality;

/// <summary>Runs a library <see cref="ISegmentCompressor"/> with the task question as the query.</summary>
internal sealed class SegmentCompressorMethod(string name, ISegmentCompressor compressor, ITokenCounter counter) : ICompressionMethod
{
    public string Name => name;

    public async Task<string> CompressAsync(QualityTask task, int budget, CancellationToken cancellationToken)
    {
        var request = new SegmentCompressionRequest(task.Context, budget, counter) { Query = task.Question, Language = task.Language };
        CompressedText result = await compressor.CompressAsync(request, cancellationToken);
        return result.Text;
    }
}
