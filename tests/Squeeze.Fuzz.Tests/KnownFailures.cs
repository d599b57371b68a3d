namespace Squeeze.Fuzz;

/// <summary>
/// Corpus inputs that still fail because of a reported bug in src/ (see docs/reliability.md, "Bugs found"). Their replay is skipped
/// while they fail and passes once the bug is fixed; then remove the entry.
/// </summary>
internal static class KnownFailures
{
    private static readonly Dictionary<string, string> _bugs = new(StringComparer.Ordinal);

    public static void Replay(string target, string file)
    {
        byte[] data = File.ReadAllBytes(Path.Combine(CorpusFiles.Folder(target), file));
        if (!_bugs.TryGetValue($"{target}/{file}", out string? bug))
        {
            FuzzTargets.Run(target, data);
            return;
        }

        try
        {
            FuzzTargets.Run(target, data);
        }
#pragma warning disable CA1031 // any failure of a known-bad input is the known bug
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Assert.Skip($"known bug: {bug} ({ex.GetType().Name}: {ex.Message})");
        }
    }
}
