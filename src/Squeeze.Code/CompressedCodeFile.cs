namespace Squeeze.Code;

/// <summary>One file of a repository after <see cref="CodeRepositoryCompressor.CompressAsync"/>.</summary>
/// <param name="Path">The file's path, as given.</param>
/// <param name="Language">The language the file was parsed as.</param>
/// <param name="Compressed">The compressed text; empty when no unit of the file was kept.</param>
/// <param name="TokensBefore">Target tokens of the original file.</param>
/// <param name="TokensAfter">Target tokens of <paramref name="Compressed"/>.</param>
public sealed record CompressedCodeFile(string Path, CodeLanguage Language, CompressedText Compressed, int TokensBefore, int TokensAfter);
