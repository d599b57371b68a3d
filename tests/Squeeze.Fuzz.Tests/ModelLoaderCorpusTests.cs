namespace Squeeze.Fuzz;

public sealed class ModelLoaderCorpusTests
{
    public static TheoryData<string> Files => CorpusFiles.For("model");

    [Theory]
    [MemberData(nameof(Files))]
    public void Replays_without_crash_or_broken_invariant(string file) =>
        KnownFailures.Replay("model", file);
}
