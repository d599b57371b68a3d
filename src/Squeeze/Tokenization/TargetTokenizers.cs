using System.Collections.Concurrent;
using Microsoft.ML.Tokenizers;

namespace Squeeze;

/// <summary>
/// Token counters for target models, built on the tiktoken encodings shipped with Microsoft.ML.Tokenizers.
/// Instances are cached and thread-safe.
/// </summary>
public static class TargetTokenizers
{
    /// <summary>The encoding used when nothing else is known: o200k_base (GPT-4o, GPT-4.1, GPT-5, o-series).</summary>
    public const string DefaultEncoding = "o200k_base";

    private static readonly ConcurrentDictionary<string, ITokenCounter> _byEncoding = new(StringComparer.OrdinalIgnoreCase);
    private static readonly ConcurrentDictionary<string, ITokenCounter?> _byModel = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the counter for a tiktoken encoding: "o200k_base" or "cl100k_base".</summary>
    /// <param name="encodingName">The encoding's name.</param>
    /// <returns>The counter.</returns>
    /// <exception cref="ArgumentException">The encoding is not known.</exception>
    public static ITokenCounter ForEncoding(string encodingName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(encodingName);
        return _byEncoding.GetOrAdd(encodingName, static name =>
        {
            try
            {
                return new TokenizerTokenCounter(TiktokenTokenizer.CreateForEncoding(name), name.ToLowerInvariant());
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException or InvalidOperationException)
            {
                throw new ArgumentException($"Unknown target tokenizer encoding '{name}'. Use o200k_base or cl100k_base, or pass a Tokenizer.", nameof(encodingName), ex);
            }
        });
    }

    /// <summary>Gets the counter for a model name such as "gpt-4o" or "gpt-4", if the name is known.</summary>
    /// <param name="modelId">The target model's name.</param>
    /// <returns>The counter, or <see langword="null"/> when the model is not known.</returns>
    public static ITokenCounter? TryForModel(string? modelId)
    {
        if (string.IsNullOrWhiteSpace(modelId))
        {
            return null;
        }

        return _byModel.GetOrAdd(modelId, static id =>
        {
            try
            {
                return new TokenizerTokenCounter(TiktokenTokenizer.CreateForModel(id), id);
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException or InvalidOperationException)
            {
                return null;
            }
        });
    }
}
