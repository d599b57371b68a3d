namespace Squeeze;

public sealed class CompressionBudgetTests
{
    [Fact]
    public void Resolve_Ratio_DividesInputTokens()
    {
        Assert.Equal(250, CompressionBudget.FromRatio(4).Resolve(1000));
        Assert.Equal(1, CompressionBudget.FromRatio(4).Resolve(2));
    }

    [Fact]
    public void Resolve_ContextWindow_SubtractsReservedOutput()
        => Assert.Equal(120_000, CompressionBudget.FromContextWindow(128_000, 8_000).Resolve(500_000));

    [Fact]
    public void Resolve_Tokens_IgnoresInputSize() => Assert.Equal(64, CompressionBudget.FromTokens(64).Resolve(10));

    [Fact]
    public void Invalid_Values_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CompressionBudget.FromTokens(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => CompressionBudget.FromRatio(0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => CompressionBudget.FromRatio(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => CompressionBudget.FromContextWindow(100, 100));
        Assert.Throws<InvalidOperationException>(() => default(CompressionBudget).Resolve(10));
    }
}
