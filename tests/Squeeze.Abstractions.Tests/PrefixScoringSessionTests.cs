namespace Squeeze;

public sealed class PrefixScoringSessionTests
{
    [Fact]
    public async Task AppendContextAsync_ExtendsThePrefixWithoutScoring_LikeAppendAsync()
    {
        var scorer = new PrefixRecordingScorer();
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var context = new PrefixScoringSession(scorer, maxPrefixLength: 8);
        using var appended = new PrefixScoringSession(scorer, maxPrefixLength: 8);

        await context.AppendContextAsync("alpha ", ct);
        await context.AppendContextAsync("beta ", ct);
        Assert.Empty(scorer.Prefixes);
        await appended.AppendAsync("alpha ", ct);
        await appended.AppendAsync("beta ", ct);
        scorer.Prefixes.Clear();

        await context.PeekAsync("gamma", ct);
        await appended.PeekAsync("gamma", ct);
        Assert.Equal(["ha beta ", "ha beta "], scorer.Prefixes); // the last 8 characters, the same for both
    }

    [Fact]
    public async Task AppendContextAsync_AfterDispose_Throws()
    {
        var session = new PrefixScoringSession(new PrefixRecordingScorer());
        session.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => session.AppendContextAsync("x", TestContext.Current.CancellationToken));
    }

    /// <summary>Records the prefix of every scored input; scores each character as one token of surprisal 1.</summary>
    private sealed class PrefixRecordingScorer : ITokenScorer
    {
        public List<string?> Prefixes { get; } = [];

        public string Name => "prefix-recording";

        public Task<IReadOnlyList<TokenScores>> ScoreAsync(IReadOnlyList<ScoringInput> inputs, CancellationToken cancellationToken = default)
        {
            var results = new List<TokenScores>();
            foreach (ScoringInput input in inputs)
            {
                Prefixes.Add(input.Prefix);
                int n = input.Text.Length;
                var spans = new TextSpan[n];
                for (int i = 0; i < n; i++)
                {
                    spans[i] = new TextSpan(i, 1);
                }

                results.Add(new TokenScores(input.Text, new int[n], spans, Enumerable.Repeat(1f, n).ToArray()));
            }

            return Task.FromResult<IReadOnlyList<TokenScores>>(results);
        }

        public IScoringSession CreateSession() => new PrefixScoringSession(this);
    }
}
