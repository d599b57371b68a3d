namespace Squeeze.TokenPruning;

public sealed class UnigramSelfInformationTests
{
    [Fact]
    public void Default_LoadsTheBuiltInTable()
    {
        UnigramSelfInformation table = UnigramSelfInformation.Default;
        Assert.InRange(table.WordCount, 40_000, 60_000);
        Assert.Same(table, UnigramSelfInformation.Default);
    }

    [Fact]
    public void GetBits_CommonWordsCarryLessInformationThanRareOnes()
    {
        UnigramSelfInformation table = UnigramSelfInformation.Default;
        Assert.True(table.GetBits("the") < table.GetBits("treaty"));
        Assert.True(table.GetBits("treaty") < table.GetBits("mitochondria"));
        Assert.True(table.GetBits(",") < 8);
    }

    [Fact]
    public void GetBits_IsCaseInsensitive() => Assert.Equal(UnigramSelfInformation.Default.GetBits("the"), UnigramSelfInformation.Default.GetBits("THE"));

    [Fact]
    public void GetBits_UnknownWordGetsTheSmoothedMaximum()
    {
        UnigramSelfInformation table = UnigramSelfInformation.Default;
        Assert.Equal(table.UnknownWordBits, table.GetBits("zqxjvkwpfh"));
        Assert.True(table.UnknownWordBits > table.GetBits("mitochondria"));
        Assert.Equal(0, table.GetBits(ReadOnlySpan<char>.Empty));
    }

    [Fact]
    public void Load_RejectsMalformedTables()
    {
        using var stream = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Compress, leaveOpen: true))
        {
            gzip.Write("#total\t10\nno tab here\n"u8);
        }

        stream.Position = 0;
        Assert.Throws<InvalidDataException>(() => UnigramSelfInformation.Load(stream));
    }
}
