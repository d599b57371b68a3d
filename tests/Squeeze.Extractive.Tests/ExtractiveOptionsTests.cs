namespace Squeeze.Extractive;

public sealed class ExtractiveOptionsTests
{
    [Fact]
    public void Defaults_AreDocumentedValues()
    {
        var o = new ExtractiveOptions();
        Assert.Equal(ExtractionGranularity.Auto, o.Granularity);
        Assert.Equal(string.Empty, o.ElisionMarker);
        Assert.Equal(0.5, o.RedundancyPenalty);
        Assert.Equal(0.6, o.DuplicateThreshold);
        Assert.Equal(0.5, o.CostExponent);
        Assert.True(o.KeepHeadings);
        Assert.False(o.KeepFirstUnit);
        Assert.False(o.KeepLastUnit);
        Assert.Equal(0, o.NeighborUnits);
        Assert.Equal(2, o.PassageBudgetFactor);
        Assert.True(o.TruncateWhenNothingFits);
    }

    [Fact]
    public void Setters_InvalidValues_ThrowNamingTheOption()
    {
        var o = new ExtractiveOptions();
        Assert.Equal("RedundancyPenalty", Assert.Throws<ArgumentOutOfRangeException>(() => o.RedundancyPenalty = -1).ParamName);
        Assert.Equal("DuplicateThreshold", Assert.Throws<ArgumentOutOfRangeException>(() => o.DuplicateThreshold = 0).ParamName);
        Assert.Equal("CostExponent", Assert.Throws<ArgumentOutOfRangeException>(() => o.CostExponent = double.NaN).ParamName);
        Assert.Equal("NeighborUnits", Assert.Throws<ArgumentOutOfRangeException>(() => o.NeighborUnits = 17).ParamName);
        Assert.Equal("PassageBudgetFactor", Assert.Throws<ArgumentOutOfRangeException>(() => o.PassageBudgetFactor = 0.5).ParamName);
        Assert.Equal("Granularity", Assert.Throws<ArgumentOutOfRangeException>(() => o.Granularity = (ExtractionGranularity)42).ParamName);
        Assert.Equal("ElisionMarker", Assert.Throws<ArgumentNullException>(() => o.ElisionMarker = null!).ParamName);
    }

    [Fact]
    public async Task Compressor_CopiesOptions()
    {
        var o = new ExtractiveOptions { Granularity = ExtractionGranularity.Sentence };
        var compressor = new ExtractiveCompressor(o);
        o.ElisionMarker = "#########";
        CompressedText result = await compressor.CompressAsync(TestSupport.Request(TestSupport.Documents, 30, "jazz"), TestContext.Current.CancellationToken);
        Assert.DoesNotContain("#########", result.Text, StringComparison.Ordinal);
    }
}
