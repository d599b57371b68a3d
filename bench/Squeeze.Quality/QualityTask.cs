namespace Squeeze.Quality;

/// <summary>One task: a long context, a question and the answers that must survive compression.</summary>
internal sealed record QualityTask(
    string Id, string Kind, string Context, string Question, IReadOnlyList<string> Answers, string Needle, int NeedleDocument, string NeedlePosition)
{
    /// <summary>The CSV needle_position value: "document:where", e.g. "5:middle" (document 1..20, where in it start|middle|end).</summary>
    public string PositionLabel => $"{NeedleDocument}:{NeedlePosition}";
}
