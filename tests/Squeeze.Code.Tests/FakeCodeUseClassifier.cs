namespace Squeeze.Code;

/// <summary>A code-use classifier that gives each unit the log-odds <c>logitOf(unit text)</c> and records what it was asked.</summary>
internal sealed class FakeCodeUseClassifier(Func<string, float> logitOf) : ICodeUseClassifier
{
    public string Name => "fake-code-use";

    public List<(string Query, IReadOnlyList<string> Units)> Calls { get; } = [];

    public Task<float[]> ClassifyAsync(string query, IReadOnlyList<string> units, CancellationToken cancellationToken = default)
    {
        lock (Calls)
        {
            Calls.Add((query, units));
        }

        var logits = new float[units.Count];
        for (int i = 0; i < logits.Length; i++)
        {
            logits[i] = logitOf(units[i]);
        }

        return Task.FromResult(logits);
    }
}
