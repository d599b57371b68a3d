namespace Squeeze.Tuning;

/// <summary>A question-answering case for measuring what survives compression: a context, a question and the answers that must remain in the compressed context.</summary>
/// <param name="Id">An identifier for reports.</param>
/// <param name="Context">The text to compress.</param>
/// <param name="Question">The question the compressed context must still answer.</param>
/// <param name="Answers">Strings that must all still appear (case-insensitively) in the compressed context.</param>
public sealed record TuningTask(string Id, string Context, string Question, IReadOnlyList<string> Answers)
{
    /// <summary>Gets a value indicating whether every answer appears in <paramref name="compressed"/>, ignoring case.</summary>
    /// <param name="compressed">The compressed context.</param>
    /// <returns><see langword="true"/> when all answers survive.</returns>
    public bool IsAnswerRetained(string compressed)
    {
        ArgumentNullException.ThrowIfNull(compressed);
        foreach (string answer in Answers)
        {
            if (!compressed.Contains(answer, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }
}
