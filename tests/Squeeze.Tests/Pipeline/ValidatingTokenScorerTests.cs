namespace Squeeze.Pipeline;

public sealed class ValidatingTokenScorerTests
{
    [Fact]
    public async Task PeekOverSessions_ReachesTheInnerSessions_AndGivesEachSessionsScores()
    {
        var scorer = new ValidatingTokenScorer(new FaultyScorer(FaultyScorer.Fault.None));
        CancellationToken ct = TestContext.Current.CancellationToken;
        using IScoringSession first = scorer.CreateSession();
        using IScoringSession second = scorer.CreateSession();
        await second.AppendContextAsync("alpha beta", ct);

        IReadOnlyList<TokenScores> together = await scorer.PeekAsync([first, second], "gamma delta epsilon", ct);

        Assert.Equal(2, together.Count);
        Assert.Equal((await first.PeekAsync("gamma delta epsilon", ct)).Surprisal.ToArray(), together[0].Surprisal.ToArray());
        Assert.Equal((await second.PeekAsync("gamma delta epsilon", ct)).Surprisal.ToArray(), together[1].Surprisal.ToArray());
    }

    [Theory]
    [InlineData(FaultyScorer.Fault.NaN, "non-finite")]
    [InlineData(FaultyScorer.Fault.WrongLength, "span")]
    public async Task PeekOverSessions_RejectsScoresThatBreakTheContract(FaultyScorer.Fault fault, string expected)
    {
        var scorer = new ValidatingTokenScorer(new FaultyScorer(fault));
        using IScoringSession session = scorer.CreateSession();

        SqueezeException error = await Assert.ThrowsAsync<SqueezeException>(() => scorer.PeekAsync([session], "gamma delta epsilon", TestContext.Current.CancellationToken));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
