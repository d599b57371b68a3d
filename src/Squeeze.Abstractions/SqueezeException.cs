namespace Squeeze;

/// <summary>The error Squeeze throws when it cannot do what was asked: a budget that cannot be met, a model that cannot be loaded, input it rejects.</summary>
public class SqueezeException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    public SqueezeException()
    {
    }

    /// <summary>Initializes a new instance with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public SqueezeException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public SqueezeException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
