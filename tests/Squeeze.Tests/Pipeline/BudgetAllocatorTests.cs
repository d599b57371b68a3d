using CsCheck;

namespace Squeeze.Pipeline;

public sealed class BudgetAllocatorTests
{
    [Fact]
    public void Allocate_SegmentCoveredByItsWeightedShare_KeepsEverything_OthersAbsorbTheCut()
    {
        int[] allowance = BudgetAllocator.Allocate([10, 1000, 2000], [10, 1, 1], 610);

        Assert.Equal(10, allowance[0]);
        Assert.Equal(600, allowance[1] + allowance[2]);
        Assert.InRange(allowance[2], 2 * allowance[1] - 2, 2 * allowance[1] + 2);
    }

    [Fact]
    public void Allocate_PriorityWeightsTheShare()
    {
        int[] allowance = BudgetAllocator.Allocate([1000, 1000], [3, 1], 400);
        Assert.Equal(300, allowance[0]);
        Assert.Equal(100, allowance[1]);
    }

    [Fact]
    public void Allocate_NeverExceedsAvailableOrSegmentSize() =>
        Gen.Select(Gen.Int[0, 5000].Array[1, 12], Gen.Int[0, 20000])
            .Sample((sizes, available) =>
            {
                double[] weights = [.. sizes.Select((_, i) => 1.0 + (i % 3))];
                int[] allowance = BudgetAllocator.Allocate(sizes, weights, available);
                Assert.True(allowance.Sum() <= available);
                for (int i = 0; i < sizes.Length; i++)
                {
                    Assert.InRange(allowance[i], 0, sizes[i]);
                }

                if (sizes.Sum() <= available)
                {
                    Assert.Equal(sizes, allowance);
                }
            }, seed: "0N0XIzNsQ0O2", iter: 2000);
}
