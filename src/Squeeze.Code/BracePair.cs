namespace Squeeze.Code;

/// <summary>A structural brace pair found by the scanner.</summary>
/// <param name="Open">Index of the opening brace.</param>
/// <param name="Close">Index of the closing brace, or -1 when it is never closed.</param>
/// <param name="Depth">Brace depth outside the pair.</param>
/// <param name="Paren">Parenthesis depth at the opening brace.</param>
internal readonly record struct BracePair(int Open, int Close, int Depth, int Paren);
