using Microsoft.Extensions.AI;
using Microsoft.ML.Tokenizers;

namespace Squeeze;

/// <summary>
/// Options for Squeeze's compression: the budget, the target tokenizer, the method, what is protected and how failures are handled.
/// Bindable from configuration (section "Squeeze"); validated by <see cref="Validate"/>.
/// </summary>
public sealed class SqueezeOptions
{
    /// <summary>Gets or sets the absolute token budget for the whole conversation's text.</summary>
    /// <value>The default is <see langword="null"/>; when no budget of any kind is set, <see cref="Ratio"/> 4 applies.</value>
    public int? TokenBudget { get; set; }

    /// <summary>Gets or sets the compression ratio (input tokens / output tokens), used when <see cref="TokenBudget"/> is not set.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public double? Ratio { get; set; }

    /// <summary>
    /// Gets or sets the target model's context window. When set (and neither <see cref="TokenBudget"/> nor <see cref="Ratio"/> is),
    /// the conversation is fitted into the window less <see cref="ReservedOutputTokens"/>, and left alone when it already fits.
    /// </summary>
    /// <value>The default is <see langword="null"/>.</value>
    public int? ContextWindow { get; set; }

    /// <summary>Gets or sets the tokens kept free for the model's answer when <see cref="ContextWindow"/> is used.</summary>
    /// <value>The default is 4096.</value>
    public int ReservedOutputTokens { get; set; } = 4096;

    /// <summary>Gets or sets the compression method.</summary>
    /// <value>The default is <see cref="CompressionMethod.Auto"/>.</value>
    public CompressionMethod Method { get; set; } = CompressionMethod.Auto;

    /// <summary>
    /// Gets or sets the target tokenizer's encoding ("o200k_base" or "cl100k_base"), used when <see cref="Tokenizer"/> is not set
    /// and the request's model id does not name a known model.
    /// </summary>
    /// <value>The default is "o200k_base".</value>
    public string TargetEncoding { get; set; } = TargetTokenizers.DefaultEncoding;

    /// <summary>Gets or sets the target model's tokenizer. When set, it counts every budget and the request's model id is ignored.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public Tokenizer? Tokenizer { get; set; }

    /// <summary>Gets or sets the scorer that drives the model-based methods.</summary>
    /// <value>The default is <see langword="null"/>: the built-in squeeze-mini model when <see cref="UseBuiltInModel"/> is set, otherwise model-free methods.</value>
    public ITokenScorer? Scorer { get; set; }

    /// <summary>
    /// Gets or sets a classifier that code compression ranks functions and types with, next to its lexical and call-graph signals,
    /// such as the built-in model's <c>OnnxCodeUseClassifier.CreateBuiltIn()</c>.
    /// </summary>
    /// <value>The default is <see langword="null"/>: code is ranked without one. The built-in classifier ranks callees better (AUC 0.855 to 0.894)
    /// but moved callee retention at 4x by +1.4 points on the development set and -4.7 on the 34-task benchmark (docs/benchmarks.md, section 6),
    /// for about 0.5 s of CPU per source file. <c>UseSqueeze</c> takes one registered in the service provider.</value>
    public ICodeUseClassifier? CodeUseClassifier { get; set; }

    /// <summary>Gets or sets an embedding generator whose similarities join BM25 (and the scorer) in ranking sentences and passages.</summary>
    /// <value>The default is <see langword="null"/>; <c>UseSqueeze</c> takes one registered in the service provider.</value>
    public IEmbeddingGenerator<string, Embedding<float>>? EmbeddingGenerator { get; set; }

    /// <summary>Gets or sets a value indicating whether the built-in squeeze-mini model scores tokens when no <see cref="Scorer"/> is given.</summary>
    /// <value>The default is <see langword="true"/>. Without the model the methods fall back to BM25 and unigram self-information.</value>
    public bool UseBuiltInModel { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether system messages are passed through untouched.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool ProtectSystemPrompt { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether the last user message is passed through untouched.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool ProtectLastUserMessage { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether string results of tool calls may be compressed as text.</summary>
    /// <value>The default is <see langword="false"/>: tool results are passed through and count towards the budget.</value>
    public bool CompressToolResults { get; set; }

    /// <summary>
    /// Gets or sets the size, in tokens, up to which a segment is left alone while longer ones absorb the cut; such short turns are
    /// left out whole, oldest first, only when the protected content, instructions, the question and the short turns alone exceed the budget.
    /// </summary>
    /// <value>The default is 32.</value>
    public int MinCompressibleTokens { get; set; } = 32;

    /// <summary>Gets or sets what happens when compression fails or exceeds <see cref="Timeout"/>.</summary>
    /// <value>The default is <see cref="FailureMode.FailOpen"/>: the original request is sent and a warning logged.</value>
    public FailureMode FailureMode { get; set; } = FailureMode.FailOpen;

    /// <summary>Gets or sets the longest compression may take per request.</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the largest input, in characters of message text, that Squeeze accepts; larger requests fail (or pass through when failing open).</summary>
    /// <value>The default is 50,000,000 characters.</value>
    public int MaxInputCharacters { get; set; } = 50_000_000;

    /// <summary>Gets the budget these options describe.</summary>
    /// <returns>The budget; a ratio of 4 when none is set.</returns>
    public CompressionBudget GetBudget()
    {
        Validate();
        return TokenBudget is int tokens ? CompressionBudget.FromTokens(tokens)
            : Ratio is double ratio ? CompressionBudget.FromRatio(ratio)
            : ContextWindow is int window ? CompressionBudget.FromContextWindow(window, ReservedOutputTokens)
            : CompressionBudget.FromRatio(4);
    }

    /// <summary>Checks every option and throws an exception naming the first invalid one.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public void Validate()
    {
        if (TokenBudget is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(TokenBudget), TokenBudget, "Squeeze: TokenBudget must be at least 1.");
        }

        if (Ratio is double r && (!double.IsFinite(r) || r < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Ratio), Ratio, "Squeeze: Ratio must be a finite number of at least 1 (input tokens / output tokens).");
        }

        if (ReservedOutputTokens < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ReservedOutputTokens), ReservedOutputTokens, "Squeeze: ReservedOutputTokens must not be negative.");
        }

        if (ContextWindow is int w && w <= ReservedOutputTokens)
        {
            throw new ArgumentOutOfRangeException(nameof(ContextWindow), ContextWindow, "Squeeze: ContextWindow must be larger than ReservedOutputTokens.");
        }

        if (!Enum.IsDefined(Method))
        {
            throw new ArgumentOutOfRangeException(nameof(Method), Method, "Squeeze: unknown Method.");
        }

        if (!Enum.IsDefined(FailureMode))
        {
            throw new ArgumentOutOfRangeException(nameof(FailureMode), FailureMode, "Squeeze: unknown FailureMode.");
        }

        if (Tokenizer is null && TargetEncoding is not ("o200k_base" or "cl100k_base"))
        {
            throw new ArgumentException($"Squeeze: TargetEncoding '{TargetEncoding}' is not supported; use o200k_base or cl100k_base, or set Tokenizer.", nameof(TargetEncoding));
        }

        if (MinCompressibleTokens < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MinCompressibleTokens), MinCompressibleTokens, "Squeeze: MinCompressibleTokens must not be negative.");
        }

        if (Timeout <= TimeSpan.Zero && Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "Squeeze: Timeout must be positive (or Timeout.InfiniteTimeSpan).");
        }

        if (MaxInputCharacters < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxInputCharacters), MaxInputCharacters, "Squeeze: MaxInputCharacters must be at least 1.");
        }
    }

    /// <summary>Creates a copy whose changes do not affect this instance.</summary>
    /// <returns>The copy.</returns>
    public SqueezeOptions Clone() => (SqueezeOptions)MemberwiseClone();
}
