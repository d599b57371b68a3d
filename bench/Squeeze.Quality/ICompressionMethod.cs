namespace Squeeze.Quality;

/// <summary>A method under test: compresses a task's context to a token budget.</summary>
internal interface ICompressionMethod
{
    string Name { get; }

    Task<string> CompressAsync(QualityTask task, int budget, CancellationToken cancellationToken);
}
