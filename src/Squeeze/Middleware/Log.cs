using Microsoft.Extensions.Logging;

namespace Squeeze.Middleware;

/// <summary>Squeeze's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Squeeze compressed the request from {TokensBefore} to {TokensAfter} tokens (budget {Budget}, {Tokenizer}) in {ElapsedMs} ms.")]
    public static partial void Compressed(ILogger logger, int tokensBefore, int tokensAfter, int budget, string tokenizer, double elapsedMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Squeeze could not compress the request ({Reason}); the original request is sent unchanged.")]
    public static partial void PassedThrough(ILogger logger, string reason, Exception exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Squeeze could not compress the request ({Reason}); the request fails because FailureMode is FailClosed.")]
    public static partial void FailedClosed(ILogger logger, string reason, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Squeeze could not load the built-in scoring model; model-free methods are used instead.")]
    public static partial void BuiltInModelUnavailable(ILogger logger, Exception exception);
}
