namespace Squeeze.Reliability;

/// <summary>
/// Every compression method, one shared instance: the same request twice gives the same text (deterministic), and 32
/// concurrent requests give what a sequential request gives (no shared mutable state between calls).
/// </summary>
public sealed class CompressorConcurrencyTests
{
    private static readonly ITokenCounter _counter = TargetTokenizers.ForEncoding("o200k_base");

    public static TheoryData<string> Methods() => [.. Compressors.Names];

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task SharedCompressor_IsDeterministic_AndConcurrentRequestsMatchSequential(string method)
    {
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        ISegmentCompressor compressor = Compressors.Create(method);
        bool code = Compressors.IsCode(method);
        string text = code ? Conversations.Code(30) : Conversations.Prose(seed: 7, sentences: 80);
        int budget = _counter.CountTokens(text) / 4;
        SegmentCompressionRequest Request() => new(text, budget, _counter)
        {
            Query = code ? "Where is Compute12 defined?" : "Which cluster of machines keeps an audit trail?",
            Kind = code ? SegmentKind.Code : SegmentKind.Document,
            Language = code ? "cs" : null,
        };

        string first = (await compressor.CompressAsync(Request(), cancellationToken)).Text;
        string second = (await compressor.CompressAsync(Request(), cancellationToken)).Text;
        Assert.Equal(first, second);
        Assert.True(_counter.CountTokens(first) <= budget, $"{method} exceeded its budget of {budget} tokens");
        Assert.NotEqual(text, first);

        var tasks = new Task<CompressedText>[32];
        for (int i = 0; i < tasks.Length; i++)
        {
            tasks[i] = Task.Run(() => compressor.CompressAsync(Request(), cancellationToken), cancellationToken);
        }

        foreach (CompressedText result in await Task.WhenAll(tasks))
        {
            Assert.Equal(first, result.Text);
        }
    }
}
