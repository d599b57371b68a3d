using CsCheck;

namespace Squeeze.TokenPruning;

public sealed class SqueezeMarkupParserTests
{
    [Fact]
    public void Parse_FindsKeepAndRateRegions()
    {
        string text = "a <squeeze keep>b</squeeze> c <SQUEEZE rate='0.25'>d e</Squeeze> f <squeeze rate=1>g</squeeze>";
        SqueezeMarkup markup = SqueezeMarkupParser.Parse(text);
        Assert.Equal(3, markup.Regions.Count);
        Assert.Equal(MarkupRegionKind.Keep, markup.Regions[0].Kind);
        Assert.Equal("b", text.Substring(markup.Regions[0].Content.Start, markup.Regions[0].Content.Length));
        Assert.Equal(MarkupRegionKind.Rate, markup.Regions[1].Kind);
        Assert.Equal(0.25, markup.Regions[1].Rate);
        Assert.Equal(1.0, markup.Regions[2].Rate);
        Assert.Equal("a b c d e f g", markup.StripTags());
    }

    [Theory]
    [InlineData("no markup at all")]
    [InlineData("<squeeze keep>never closed")]
    [InlineData("stray </squeeze> close")]
    [InlineData("<squeeze>no attribute</squeeze>")]
    [InlineData("<squeeze rate=\"1.5\">out of range</squeeze>")]
    [InlineData("<squeeze rate=\"abc\">not a number</squeeze>")]
    [InlineData("<squeeze rate=\"0.3>unterminated quote</squeeze>")]
    [InlineData("<squeezekeep>glued</squeeze>")]
    [InlineData("<squeeze colour=red>unknown</squeeze>")]
    public void Parse_MalformedMarkup_IsLeftAsText(string text)
    {
        SqueezeMarkup markup = SqueezeMarkupParser.Parse(text);
        Assert.False(markup.HasMarkup);
        Assert.Equal(text, markup.StripTags());
    }

    [Fact]
    public void Parse_NestedOpenTag_IsContentAndTheFirstCloseEndsTheRegion()
    {
        string text = "<squeeze keep>x <squeeze keep>y</squeeze> z</squeeze>";
        SqueezeMarkup markup = SqueezeMarkupParser.Parse(text);
        Assert.Single(markup.Regions);
        Assert.Equal("x <squeeze keep>y z</squeeze>", markup.StripTags());
    }

    [Fact]
    public void Parse_ManyUnclosedTags_IsNotMarkup()
    {
        string text = string.Concat(Enumerable.Repeat("<squeeze keep>", 50_000));
        Assert.False(SqueezeMarkupParser.Parse(text).HasMarkup);
    }

    [Fact]
    public void Parse_ArbitraryText_NeverThrowsAndRegionsAreOrderedAndInBounds()
    {
        string[] pieceTexts = ["<squeeze", "<squeeze keep>", "<squeeze rate=\"0.3\">", "<squeeze rate=", "</squeeze>", "</squeeze", ">", "<", "\"", "'", " ", "keep", "rate", "=0.5", "x", "\uD83D\uDE00", "\uD800", "\r\n"];
        Gen<string> pieces = Gen.Int[0, pieceTexts.Length - 1].Select(i => pieceTexts[i]);
        Gen.String[Gen.Char["<>/=\"' squeezkprat0.5\n"], 0, 60]
            .Select(pieces.Array[0, 12], (noise, parts) => noise + string.Concat(parts))
            .Sample(
                text =>
                {
                    SqueezeMarkup markup = SqueezeMarkupParser.Parse(text);
                    int previous = 0;
                    int tagChars = 0;
                    foreach (MarkupRegion region in markup.Regions)
                    {
                        Assert.True(region.OpenTag.Start >= previous);
                        Assert.Equal(region.OpenTag.End, region.Content.Start);
                        Assert.Equal(region.Content.End, region.CloseTag.Start);
                        Assert.True(region.CloseTag.End <= text.Length);
                        Assert.InRange(region.Rate, 0, 1);
                        previous = region.CloseTag.End;
                        tagChars += region.OpenTag.Length + region.CloseTag.Length;
                    }

                    Assert.Equal(text.Length - tagChars, markup.StripTags().Length);
                },
                seed: "0N0XIzNsQ0O2",
                iter: 2_000,
                threads: 1);
    }

    [Fact]
    public async Task UnigramTokenPruner_StripsMarkupAndKeepsKeepRegions()
    {
        string text = "The the the the <squeeze keep>of and the</squeeze> the the the the the the the the.";
        var request = new SegmentCompressionRequest(text, 6, TestCounters.O200k);
        CompressedText result = await new UnigramTokenPruner().CompressAsync(request, TestContext.Current.CancellationToken);
        Assert.Contains("of and the", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("squeeze", result.Text, StringComparison.Ordinal);
        Assert.True(TestCounters.O200k.CountTokens(result.Text) <= 6);
    }
}
