namespace Squeeze.Scoring;

public sealed class OnnxScorerOptionsTests
{
    [Fact]
    public void Defaults_AreDocumentedValues()
    {
        var options = new OnnxScorerOptions();
        Assert.Equal("cpu", options.ExecutionProvider);
        Assert.Equal(Math.Min(Environment.ProcessorCount, 4), options.IntraOpNumThreads);
        Assert.Equal(0, options.WindowSize);
        Assert.Equal(128, options.MinLeftContext);
        Assert.Equal(4, options.MaxBatchSize);
        Assert.Equal(1 << 20, options.MaxInputTokens);
        options.Validate();
    }

    [Fact]
    public void Setters_RejectOutOfRangeValues_NamingTheOption()
    {
        var options = new OnnxScorerOptions();
        Assert.Equal("MaxBatchSize", Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxBatchSize = 0).ParamName);
        Assert.Equal("MinLeftContext", Assert.Throws<ArgumentOutOfRangeException>(() => options.MinLeftContext = 0).ParamName);
        Assert.Equal("WindowSize", Assert.Throws<ArgumentOutOfRangeException>(() => options.WindowSize = 1).ParamName);
        Assert.Equal("IntraOpNumThreads", Assert.Throws<ArgumentOutOfRangeException>(() => options.IntraOpNumThreads = -1).ParamName);
        Assert.Equal("MaxInputTokens", Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxInputTokens = 1).ParamName);
        Assert.Equal("ExecutionProvider", Assert.Throws<ArgumentException>(() => options.ExecutionProvider = " ").ParamName);
    }

    [Fact]
    public void Validate_ContextNotBelowWindow_Throws()
    {
        var options = new OnnxScorerOptions { WindowSize = 64, MinLeftContext = 64 };
        ArgumentOutOfRangeException ex = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Equal("MinLeftContext", ex.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => OnnxTokenScorer.Load(TestModels.TinyLlama, options));
    }
}
