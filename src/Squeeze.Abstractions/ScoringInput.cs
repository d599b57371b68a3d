namespace Squeeze;

/// <summary>A text to score, optionally conditioned on a prefix that is read by the model but not scored.</summary>
/// <param name="Text">The text whose tokens are scored.</param>
/// <param name="Prefix">Text the model reads first, such as a question or a document; <see langword="null"/> for none.</param>
public readonly record struct ScoringInput(string Text, string? Prefix = null);
