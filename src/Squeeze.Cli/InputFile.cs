namespace Squeeze.Cli;

/// <summary>A text input: its display path (or "-" for standard input) and its text.</summary>
/// <param name="Path">The path relative to the folder given, the file path, or "-".</param>
/// <param name="Text">The file's text.</param>
internal sealed record InputFile(string Path, string Text);
