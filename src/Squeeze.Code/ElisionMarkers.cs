namespace Squeeze.Code;

/// <summary>
/// The only text the code compressor ever inserts: one marker per elided stretch, chosen by language so that the output
/// stays valid code wherever the stretch was a whole body, statement or declaration. Markers are counted in the budget.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Languages</term><description>Marker and where it appears</description></listheader>
/// <item><term>C#, Java, JavaScript, TypeScript, Go, Rust, C, C++</term><description><c>/* … */</c>: a block comment. An elided body reads
/// <c>void F() { /* … */ }</c> (split over lines as in the source); dropped declarations, statements, blocks and comments leave the marker on a line of its own at their indentation.</description></item>
/// <item><term>Python</term><description><c>...</c>: the Ellipsis statement. An elided body reads <c>def f(x):</c> followed by an indented <c>...</c>;
/// dropped statements and blocks leave <c>...</c> at their indentation.</description></item>
/// <item><term>Anything else</term><description><c>…</c> (U+2026) in place of dropped blank-line separated blocks.</description></item>
/// </list>
/// Adjacent elided stretches separated only by whitespace share one marker. A marker before the first kept text or after
/// the last appears when the text was cut there.
/// </remarks>
public static class ElisionMarkers
{
    /// <summary>The marker for brace languages: a block comment.</summary>
    public const string BlockComment = "/* … */";

    /// <summary>The marker for Python: the Ellipsis statement.</summary>
    public const string Ellipsis = "...";

    /// <summary>The marker for text in no known language: a horizontal ellipsis character.</summary>
    public const string Text = "…";

    /// <summary>Gets the marker used for <paramref name="language"/>.</summary>
    /// <param name="language">The language.</param>
    /// <returns>The marker.</returns>
    public static string For(CodeLanguage language) => language switch
    {
        CodeLanguage.Python => Ellipsis,
        CodeLanguage.Unknown => Text,
        _ => BlockComment,
    };
}
