using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Squeeze;

public sealed class CompressingChatClientTests
{
    private static readonly ITokenCounter _o200k = TargetTokenizers.ForEncoding("o200k_base");

    [Theory]
    [InlineData(64, 2)]
    [InlineData(128, 4)]
    [InlineData(512, 8)]
    [InlineData(2048, 30)]
    [InlineData(8192, 120)]
    [InlineData(32768, 400)]
    public async Task GetResponseAsync_InnerClientReceivesConversationWithinBudget(int budget, int size)
    {
        List<ChatMessage> original = Conversations.Mixed(size);
        int before = Conversations.CountTokens(original, _o200k);
        Assert.True(before > budget, $"test conversation ({before} tokens) must exceed the budget {budget}");
        using var inner = new TestChatClient();
        using var client = new CompressingChatClient(inner, new SqueezeOptions { TokenBudget = budget, UseBuiltInModel = false, FailureMode = FailureMode.FailClosed });

        await client.GetResponseAsync(original);

        List<ChatMessage> sent = Assert.Single(inner.Received);
        Assert.True(Conversations.CountTokens(sent, _o200k) <= budget, $"sent {Conversations.CountTokens(sent, _o200k)} tokens, budget {budget}");
        AssertProtectedAndStructurePreserved(original, sent);
    }

    [Fact]
    public async Task GetResponseAsync_CompressedTextsArePiecesOfTheOriginalInOrder()
    {
        List<ChatMessage> original = Conversations.Mixed(20);
        using var inner = new TestChatClient();
        using var client = new CompressingChatClient(inner, new SqueezeOptions { Ratio = 4, UseBuiltInModel = false, FailureMode = FailureMode.FailClosed });

        await client.GetResponseAsync(original);

        List<ChatMessage> sent = Assert.Single(inner.Received);
        int j = 0;
        foreach (ChatMessage message in sent)
        {
            while (original[j].Role != message.Role)
            {
                j++;
            }

            SubsequenceAssert.IsOrderedSubsequence(original[j].Text, message.Text);
            j++;
        }

        Assert.True(client.LastReport!.TokensAfter < client.LastReport.TokensBefore);
    }

    [Fact]
    public async Task GetResponseAsync_CodeUseClassifierOption_RanksFencedCode()
    {
        var classifier = new RecordingCodeUseClassifier("Compute3(");
        List<ChatMessage> original = Conversations.Mixed(30);
        using var inner = new TestChatClient();
        using var client = new CompressingChatClient(inner, new SqueezeOptions { Ratio = 4, UseBuiltInModel = false, CodeUseClassifier = classifier, FailureMode = FailureMode.FailClosed });

        await client.GetResponseAsync(original);

        Assert.NotEmpty(classifier.Queries);
        Assert.Contains(client.LastReport!.Segments, s => s.Method == "code-bm25-use");
    }

    [Fact]
    public async Task GetResponseAsync_WithinBudget_PassesSameMessagesThrough()
    {
        List<ChatMessage> original = Conversations.Mixed(1);
        using var inner = new TestChatClient();
        using var client = new CompressingChatClient(inner, new SqueezeOptions { TokenBudget = 100_000, UseBuiltInModel = false });

        await client.GetResponseAsync(original);

        List<ChatMessage> sent = Assert.Single(inner.Received);
        Assert.Equal(original.Count, sent.Count);
        for (int i = 0; i < original.Count; i++)
        {
            Assert.Same(original[i], sent[i]);
        }
    }

    [Fact]
    public async Task GetResponseAsync_DoesNotMutateCallerMessages()
    {
        List<ChatMessage> original = Conversations.Mixed(10);
        string[] textsBefore = [.. original.Select(m => m.Text)];
        int[] countsBefore = [.. original.Select(m => m.Contents.Count)];
        using var client = new CompressingChatClient(new TestChatClient(), new SqueezeOptions { TokenBudget = 100, UseBuiltInModel = false });

        await client.GetResponseAsync(original);

        Assert.Equal(textsBefore, original.Select(m => m.Text));
        Assert.Equal(countsBefore, original.Select(m => m.Contents.Count));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_CompressesInputAndPassesChunksThrough()
    {
        List<ChatMessage> original = Conversations.Mixed(30);
        using var inner = new TestChatClient();
        using var client = new CompressingChatClient(inner, new SqueezeOptions { TokenBudget = 300, UseBuiltInModel = false, FailureMode = FailureMode.FailClosed });

        var chunks = new List<string>();
        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync(original))
        {
            chunks.Add(update.Text);
        }

        Assert.Equal(["chunk-1 ", "chunk-2 ", "chunk-3"], chunks);
        List<ChatMessage> sent = Assert.Single(inner.Received);
        Assert.True(Conversations.CountTokens(sent, _o200k) <= 300);
        AssertProtectedAndStructurePreserved(original, sent);
    }

    [Fact]
    public async Task FailOpen_WhenCompressionThrows_SendsOriginalAndLogsWarning()
    {
        List<ChatMessage> original = Conversations.Mixed(10);
        using var inner = new TestChatClient();
        var logger = new FakeLogger();
        var options = new SqueezeOptions { TokenBudget = 100, UseBuiltInModel = false, MaxInputCharacters = 50 };
        using var client = new CompressingChatClient(inner, options, logger);

        ChatResponse response = await client.GetResponseAsync(original);

        Assert.Equal("ok", response.Text);
        Assert.Equal(original, Assert.Single(inner.Received));
        FakeLogRecord record = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Warning, record.Level);
        Assert.Contains("MaxInputCharacters", record.Message, StringComparison.Ordinal);
        Assert.Contains("original request is sent unchanged", record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailClosed_WhenInputExceedsMaxInputCharacters_ThrowsNamingTheLimitAndSendsNothing()
    {
        using var inner = new TestChatClient();
        using var client = new CompressingChatClient(inner, new SqueezeOptions { TokenBudget = 100, UseBuiltInModel = false, MaxInputCharacters = 50, FailureMode = FailureMode.FailClosed });

        SqueezeException ex = await Assert.ThrowsAnyAsync<SqueezeException>(() => client.GetResponseAsync(Conversations.Mixed(10)));

        Assert.Contains("MaxInputCharacters", ex.Message, StringComparison.Ordinal);
        Assert.Empty(inner.Received);
    }

    [Fact]
    public async Task FailOpen_WhenBudgetCannotBeMet_SendsOriginal()
    {
        List<ChatMessage> original = Conversations.Mixed(10);
        using var inner = new TestChatClient();
        using var client = new CompressingChatClient(inner, new SqueezeOptions { TokenBudget = 5, UseBuiltInModel = false });

        await client.GetResponseAsync(original);

        Assert.Equal(original, Assert.Single(inner.Received));
    }

    [Fact]
    public async Task FailClosed_WhenBudgetCannotBeMet_ThrowsAndSendsNothing()
    {
        using var inner = new TestChatClient();
        using var client = new CompressingChatClient(inner, new SqueezeOptions { TokenBudget = 5, UseBuiltInModel = false, FailureMode = FailureMode.FailClosed });

        var error = await Assert.ThrowsAsync<SqueezeException>(() => client.GetResponseAsync(Conversations.Mixed(10)));

        Assert.Contains("cannot be met", error.Message, StringComparison.Ordinal);
        Assert.Empty(inner.Received);
    }

    [Fact]
    public async Task Cancellation_BeforeCompression_ThrowsAndSendsNothing()
    {
        using var inner = new TestChatClient();
        using var client = new CompressingChatClient(inner, new SqueezeOptions { TokenBudget = 100, UseBuiltInModel = false });
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync(Conversations.Mixed(10), cancellationToken: cts.Token));
        Assert.Empty(inner.Received);
    }

    [Fact]
    public async Task PerRequestOverrides_BudgetAndDisable()
    {
        List<ChatMessage> original = Conversations.Mixed(20);
        using var inner = new TestChatClient();
        using var client = new CompressingChatClient(inner, new SqueezeOptions { TokenBudget = 100_000, UseBuiltInModel = false });

        await client.GetResponseAsync(original, new ChatOptions { AdditionalProperties = new() { ["squeeze.budget"] = 200 } });
        await client.GetResponseAsync(original, new ChatOptions { AdditionalProperties = new() { ["squeeze.budget"] = 200, ["squeeze.disabled"] = true } });

        Assert.True(Conversations.CountTokens(inner.Received[0], _o200k) <= 200);
        Assert.Equal(original, inner.Received[1]);
    }

    [Fact]
    public async Task GetService_ReturnsOptionsAndLastReport()
    {
        using var inner = new TestChatClient();
        using var client = new CompressingChatClient(inner, new SqueezeOptions { TokenBudget = 150, UseBuiltInModel = false });
        Assert.Null(client.GetService<CompressionReport>());

        ChatResponse response = await client.GetResponseAsync(Conversations.Mixed(10));

        Assert.Same(client.Options, client.GetService<SqueezeOptions>());
        CompressionReport report = Assert.IsType<CompressionReport>(client.GetService<CompressionReport>());
        Assert.Same(report, response.AdditionalProperties![CompressingChatClient.ReportKey]);
        Assert.Equal(150, report.Budget);
        Assert.True(report.TokensAfter <= 150);
        Assert.True(report.TokensBefore > report.TokensAfter);
        Assert.Equal("o200k_base", report.Tokenizer);
    }

    [Fact]
    public async Task ModelId_PicksTargetTokenizer()
    {
        using var inner = new TestChatClient();
        using var client = new CompressingChatClient(inner, new SqueezeOptions { TokenBudget = 150, UseBuiltInModel = false });

        await client.GetResponseAsync(Conversations.Mixed(10), new ChatOptions { ModelId = "gpt-4" });

        Assert.Equal("gpt-4", client.LastReport!.Tokenizer);
        ITokenCounter cl100k = TargetTokenizers.ForEncoding("cl100k_base");
        Assert.True(Conversations.CountTokens(inner.Received[0], cl100k) <= 150);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingTheOption()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new CompressingChatClient(new TestChatClient(), new SqueezeOptions { Ratio = 0.5 }));
        Assert.Equal("Ratio", error.ParamName);
    }

    internal static void AssertProtectedAndStructurePreserved(List<ChatMessage> original, List<ChatMessage> sent)
    {
        Assert.Equal(Conversations.SystemPrompt, sent[0].Text);
        Assert.Equal(ChatRole.System, sent[0].Role);
        Assert.Equal(Conversations.Question, sent[^1].Text);
        Assert.Same(original[^1], sent[^1]);
        FunctionCallContent call = Assert.Single(sent.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Same(original[3].Contents[0], call);
        FunctionResultContent result = Assert.Single(sent.SelectMany(m => m.Contents).OfType<FunctionResultContent>());
        Assert.Same(original[4].Contents[0], result);
    }
}
