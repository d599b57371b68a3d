namespace Squeeze;

/// <summary>A code-use classifier that favours units mentioning <c>cue</c> and records the queries it was asked with.</summary>
internal sealed class RecordingCodeUseClassifier(string cue) : ICodeUseClassifier
{
    private readonly List<string> _queries = [];

    public string Name => "recording-code-use";

    public IReadOnlyList<string> Queries
    {
        get
        {
            lock (_queries)
            {
                return [.. _queries];
            }
        }
    }

    public Task<float[]> ClassifyAsync(string query, IReadOnlyList<string> units, CancellationToken cancellationToken = default)
    {
        lock (_queries)
        {
            _queries.Add(query);
        }

        var logits = new float[units.Count];
        for (int i = 0; i < logits.Length; i++)
        {
            logits[i] = units[i].Contains(cue, StringComparison.Ordinal) ? 8 : -8;
        }

        return Task.FromResult(logits);
    }
}
