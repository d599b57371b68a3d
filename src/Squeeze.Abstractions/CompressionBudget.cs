using System.Globalization;

namespace Squeeze;

/// <summary>
/// How many target-model tokens the compressed context may have: an absolute count, a compression ratio,
/// or the target model's context window less the tokens reserved for its answer.
/// </summary>
public readonly record struct CompressionBudget
{
    private CompressionBudget(int tokens, double ratio, int contextWindow, int reservedOutputTokens)
    {
        Tokens = tokens;
        Ratio = ratio;
        ContextWindow = contextWindow;
        ReservedOutputTokens = reservedOutputTokens;
    }

    /// <summary>Gets the absolute token count, or 0 when the budget is not absolute.</summary>
    public int Tokens { get; }

    /// <summary>Gets the compression ratio (input tokens / output tokens, so 4 means a quarter), or 0 when the budget is not a ratio.</summary>
    public double Ratio { get; }

    /// <summary>Gets the target model's context window, or 0 when the budget is not a context window.</summary>
    public int ContextWindow { get; }

    /// <summary>Gets the tokens kept free for the model's answer when the budget is a context window.</summary>
    public int ReservedOutputTokens { get; }

    /// <summary>Gets a value indicating whether a budget was set (the default value is none).</summary>
    public bool IsSet => Tokens > 0 || Ratio > 0 || ContextWindow > 0;

    /// <summary>Creates an absolute budget.</summary>
    /// <param name="tokens">The most tokens the context may have; at least 1.</param>
    /// <returns>The budget.</returns>
    public static CompressionBudget FromTokens(int tokens)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tokens, 1);
        return new(tokens, 0, 0, 0);
    }

    /// <summary>Creates a ratio budget.</summary>
    /// <param name="ratio">Input tokens over output tokens; at least 1 (4 keeps a quarter).</param>
    /// <returns>The budget.</returns>
    public static CompressionBudget FromRatio(double ratio)
    {
        if (!double.IsFinite(ratio) || ratio < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "The ratio must be a finite number of at least 1 (input tokens / output tokens).");
        }

        return new(0, ratio, 0, 0);
    }

    /// <summary>Creates a budget that fills the target model's context window less the tokens reserved for its answer.</summary>
    /// <param name="contextWindow">The target model's context window in tokens.</param>
    /// <param name="reservedOutputTokens">Tokens kept free for the answer.</param>
    /// <returns>The budget.</returns>
    public static CompressionBudget FromContextWindow(int contextWindow, int reservedOutputTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(reservedOutputTokens);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(contextWindow, reservedOutputTokens);
        return new(0, 0, contextWindow, reservedOutputTokens);
    }

    /// <summary>Resolves the budget for an input of <paramref name="inputTokens"/> tokens.</summary>
    /// <param name="inputTokens">The input's token count.</param>
    /// <returns>The most tokens the output may have.</returns>
    /// <exception cref="InvalidOperationException">No budget was set.</exception>
    public int Resolve(int inputTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputTokens);
        if (Tokens > 0)
        {
            return Tokens;
        }

        if (Ratio > 0)
        {
            return Math.Max(1, (int)Math.Floor(inputTokens / Ratio));
        }

        if (ContextWindow > 0)
        {
            return ContextWindow - ReservedOutputTokens;
        }

        throw new InvalidOperationException("No compression budget was set: use FromTokens, FromRatio or FromContextWindow.");
    }

    /// <inheritdoc />
    public override string ToString() =>
        Tokens > 0 ? string.Create(CultureInfo.InvariantCulture, $"{Tokens} tokens")
        : Ratio > 0 ? string.Create(CultureInfo.InvariantCulture, $"ratio {Ratio}x")
        : ContextWindow > 0 ? string.Create(CultureInfo.InvariantCulture, $"context window {ContextWindow} - {ReservedOutputTokens} reserved")
        : "none";
}
