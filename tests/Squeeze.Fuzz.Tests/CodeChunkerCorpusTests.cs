namespace Squeeze.Fuzz;

public sealed class CodeChunkerCorpusTests
{
    public static TheoryData<string> Files => CorpusFiles.For("code");

    [Theory]
    [MemberData(nameof(Files))]
    public void Replays_without_crash_or_broken_invariant(string file) =>
        KnownFailures.Replay("code", file);
}
