namespace Squeeze.Fuzz;

/// <summary>Thrown by a fuzz target when a parser returned a result that breaks one of its documented guarantees.</summary>
public sealed class FuzzInvariantException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    public FuzzInvariantException()
    {
    }

    /// <summary>Initializes a new instance with a message.</summary>
    /// <param name="message">The broken guarantee.</param>
    public FuzzInvariantException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and a cause.</summary>
    /// <param name="message">The broken guarantee.</param>
    /// <param name="innerException">The cause.</param>
    public FuzzInvariantException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
