namespace Squeeze.Fuzz;

public sealed class UnigramPrunerCorpusTests
{
    public static TheoryData<string> Files => CorpusFiles.For("unigram");

    [Theory]
    [MemberData(nameof(Files))]
    public void Replays_without_crash_or_broken_invariant(string file) =>
        KnownFailures.Replay("unigram", file);
}
