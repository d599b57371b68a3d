namespace Squeeze.Fuzz;

public sealed class CliStdinCorpusTests
{
    public static TheoryData<string> Files => CorpusFiles.For("cli");

    [Theory]
    [MemberData(nameof(Files))]
    public void Replays_without_crash_or_broken_invariant(string file) =>
        KnownFailures.Replay("cli", file);
}
