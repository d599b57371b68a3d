using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Squeeze;

namespace Microsoft.Extensions.AI;

/// <summary>Adds Squeeze's <see cref="CompressingChatClient"/> to a chat client pipeline.</summary>
public static class SqueezeChatClientBuilderExtensions
{
    /// <summary>
    /// Adds a <see cref="CompressingChatClient"/> that compresses each request's conversation to the configured token budget
    /// before the next client in the pipeline sees it.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes to the options. They start from <see cref="IOptions{SqueezeOptions}"/> when the service
    /// provider has one (see <c>AddSqueeze</c>), else from the defaults. An <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> and an
    /// <see cref="ICodeUseClassifier"/> registered in the service provider are used unless the options name their own.</param>
    /// <returns>The builder, for chaining.</returns>
    public static ChatClientBuilder UseSqueeze(this ChatClientBuilder builder, Action<SqueezeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((innerClient, services) =>
        {
            SqueezeOptions options = services.GetService<IOptions<SqueezeOptions>>()?.Value.Clone() ?? new SqueezeOptions();
            options.EmbeddingGenerator ??= services.GetService<IEmbeddingGenerator<string, Embedding<float>>>();
            options.CodeUseClassifier ??= services.GetService<ICodeUseClassifier>();
            configure?.Invoke(options);
            ILogger? logger = services.GetService<ILoggerFactory>()?.CreateLogger(typeof(CompressingChatClient).FullName!);
            return new CompressingChatClient(innerClient, options, logger);
        });
    }
}
