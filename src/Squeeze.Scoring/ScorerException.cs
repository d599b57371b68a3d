namespace Squeeze.Scoring;

/// <summary>
/// The error <see cref="OnnxTokenScorer"/> throws when a model folder cannot be loaded (a missing or corrupt file,
/// a graph without the expected inputs or outputs, a tokenizer that does not fit the graph, an execution provider
/// the ONNX Runtime package lacks) or when an input cannot be scored (too many tokens).
/// </summary>
public sealed class ScorerException : SqueezeException
{
    /// <summary>Initializes a new instance.</summary>
    public ScorerException()
    {
    }

    /// <summary>Initializes a new instance with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ScorerException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ScorerException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance that names the file at fault.</summary>
    /// <param name="filePath">The file (or folder) at fault.</param>
    /// <param name="message">What went wrong; the path is prefixed to it.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ScorerException(string filePath, string message, Exception? innerException = null)
        : base($"{filePath}: {message}", innerException)
    {
        FilePath = filePath;
    }

    /// <summary>Gets the file or folder at fault, if the error concerns one.</summary>
    public string? FilePath { get; }
}
