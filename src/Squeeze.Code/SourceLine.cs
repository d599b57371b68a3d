namespace Squeeze.Code;

/// <summary>What the lexical scanner knows about one line.</summary>
/// <param name="Start">Index of the line's first character.</param>
/// <param name="End">Index just past the line's last character, excluding the line break.</param>
/// <param name="ContentStart">Index of the first non-whitespace character, or <paramref name="End"/> for a blank line.</param>
/// <param name="ContentEnd">Index just past the last non-whitespace character, or <paramref name="ContentStart"/> for a blank line.</param>
/// <param name="Depth">Brace depth at the line's start (for Python, bracket depth).</param>
/// <param name="Paren">Parenthesis and bracket depth at the line's start (brace languages).</param>
/// <param name="StartsInCode">Whether the line starts in plain code, not inside a string or comment.</param>
/// <param name="FirstCode">Index of the first non-comment, non-whitespace character, or -1.</param>
/// <param name="LastCode">Index of the last non-comment, non-whitespace character, or -1.</param>
/// <param name="IsPreprocessor">Whether the line is (part of) a preprocessor directive.</param>
internal readonly record struct SourceLine(int Start, int End, int ContentStart, int ContentEnd, int Depth, int Paren, bool StartsInCode, int FirstCode, int LastCode, bool IsPreprocessor)
{
    public bool IsBlank => ContentStart == End;

    public bool HasCode => FirstCode >= 0;

    public bool IsCommentOnly => !IsBlank && FirstCode < 0 && !IsPreprocessor;
}
