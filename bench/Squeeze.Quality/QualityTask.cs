namespace Squeeze.Quality;

/// <summary>
/// One task: a long context, a question and what must survive compression: answers (QA tasks), or the functions the removed body
/// called (code tasks: each callee given by its body lines), with the source language.
/// </summary>
internal sealed record QualityTask(
    string Id, string Kind, string Context, string Question, IReadOnlyList<string> Answers, string Needle, int NeedleDocument, string NeedlePosition)
{
    public IReadOnlyList<IReadOnlyList<string>> Callees { get; init; } = [];

    /// <summary>The callees' function names, in the order of <see cref="Callees"/>.</summary>
    public IReadOnlyList<string> CalleeNames { get; init; } = [];

    public string? Language { get; init; }

    /// <summary>The CSV needle_position value: "document:where", e.g. "5:middle" (document 1..20, where in it start|middle|end).</summary>
    public string PositionLabel => $"{NeedleDocument}:{NeedlePosition}";
}
