namespace Squeeze.Code;

/// <summary>Parses source code into <see cref="CodeUnit"/>s: Roslyn for C#, structure-aware scanners for the other languages.</summary>
public static class CodeParser
{
    /// <summary>Parses <paramref name="text"/> into units. Never throws on malformed code: unbalanced braces and unterminated strings degrade to coarser units.</summary>
    /// <param name="text">The source code.</param>
    /// <param name="language">The language; <see cref="CodeLanguage.Unknown"/> splits the text into blank-line separated blocks.</param>
    /// <param name="cancellationToken">A token to cancel parsing.</param>
    /// <returns>The units in source order, each container before its members (see <see cref="CodeUnit.Parent"/>).</returns>
    public static IReadOnlyList<CodeUnit> Parse(string text, CodeLanguage language, CancellationToken cancellationToken = default) =>
        ParsedCode.Create(text, language, cancellationToken).Units;
}
