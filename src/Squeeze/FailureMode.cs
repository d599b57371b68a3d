namespace Squeeze;

/// <summary>What the middleware does when compression fails or takes too long.</summary>
public enum FailureMode
{
    /// <summary>Log a warning and send the original, uncompressed request.</summary>
    FailOpen,

    /// <summary>Throw a <see cref="SqueezeException"/>; nothing is sent.</summary>
    FailClosed,
}
