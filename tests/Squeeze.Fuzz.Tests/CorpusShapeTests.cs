namespace Squeeze.Fuzz;

public sealed class CorpusShapeTests
{
    [Fact]
    public void Every_target_has_a_corpus_and_the_corpus_stays_small()
    {
        long bytes = 0;
        int files = 0;
        foreach (string target in FuzzTargets.Names)
        {
            string[] inTarget = Directory.GetFiles(CorpusFiles.Folder(target));
            Assert.NotEmpty(inTarget);
            files += inTarget.Length;
            foreach (string file in inTarget)
            {
                bytes += new FileInfo(file).Length;
            }
        }

        Assert.InRange(files, 1, 250);
        Assert.InRange(bytes, 1, 1024 * 1024);
    }

    [Fact]
    public void Unknown_target_is_rejected() =>
        Assert.Throws<ArgumentException>(() => FuzzTargets.Get("nope"));
}
