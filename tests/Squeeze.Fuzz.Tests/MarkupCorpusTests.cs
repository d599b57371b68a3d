namespace Squeeze.Fuzz;

public sealed class MarkupCorpusTests
{
    public static TheoryData<string> Files => CorpusFiles.For("markup");

    [Theory]
    [MemberData(nameof(Files))]
    public void Replays_without_crash_or_broken_invariant(string file) =>
        KnownFailures.Replay("markup", file);
}
