namespace Squeeze.Fuzz;

public sealed class SegmenterCorpusTests
{
    public static TheoryData<string> Files => CorpusFiles.For("segmenter");

    [Theory]
    [MemberData(nameof(Files))]
    public void Replays_without_crash_or_broken_invariant(string file) =>
        KnownFailures.Replay("segmenter", file);
}
