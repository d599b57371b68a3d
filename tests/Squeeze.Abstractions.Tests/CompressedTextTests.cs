namespace Squeeze;

public sealed class CompressedTextTests
{
    [Fact]
    public void FromSpans_MergesAdjacentSpans_AndInsertsMarkerOnlyWhereTextWasDropped()
    {
        const string source = "one two three four";
        var result = CompressedText.FromSpans(source, [new(0, 4), new(4, 4), new(14, 4)], "test", "…");

        Assert.Equal("one two …four", result.Text);
        Assert.Equal([new TextSpan(0, 8), new TextSpan(14, 4)], result.KeptSpans);
    }

    [Fact]
    public void FromSpans_MarksDroppedTail()
    {
        var result = CompressedText.FromSpans("abcdef", [new(0, 2)], "test", "[…]");
        Assert.Equal("ab[…]", result.Text);
    }

    [Theory]
    [InlineData(3, 2, 0, 2)] // overlapping
    [InlineData(0, 2, 5, 4)] // past the end
    public void FromSpans_RejectsBadSpans(int s1, int l1, int s2, int l2)
    {
        var error = Assert.Throws<ArgumentException>(() => CompressedText.FromSpans("abcdefgh", [new(s1, l1), new(s2, l2)], "test"));
        Assert.Contains("out of order, overlapping or outside", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unchanged_KeepsEverything()
    {
        var result = CompressedText.Unchanged("hello", "none");
        Assert.Equal("hello", result.Text);
        Assert.Equal([new TextSpan(0, 5)], result.KeptSpans);
    }

    [Fact]
    public void Compose_MapsSecondStageSpansBackToTheOriginal()
    {
        const string source = "alpha beta gamma delta epsilon";
        var first = CompressedText.FromSpans(source, [new(0, 11), new(17, 13)], "first", " … ");   // "alpha beta  … delta epsilon"
        Assert.Equal("alpha beta  … delta epsilon", first.Text);
        var second = CompressedText.FromSpans(first.Text, [new(0, 6), new(11, 3), new(20, 7)], "second"); // "alpha " + " … " + "epsilon"

        var composed = CompressedText.Compose(source, first, second, "both");

        Assert.Equal(second.Text, composed.Text);
        Assert.Equal([new TextSpan(0, 6), new TextSpan(23, 7)], composed.KeptSpans);
        Assert.Equal("both", composed.Method);
    }

    [Fact]
    public void FromPieces_AllowsDifferentMarkersPerGap()
    {
        var result = CompressedText.FromPieces("void A() { x; }\nvoid B() { y; }", [TextPiece.Kept(new(0, 9)), TextPiece.Elision("{ … }"), TextPiece.Kept(new(15, 10)), TextPiece.Elision("{ … }")], "code");

        Assert.Equal("void A() { … }\nvoid B() { … }", result.Text);
        Assert.Equal(4, result.Pieces.Count);
    }
}
