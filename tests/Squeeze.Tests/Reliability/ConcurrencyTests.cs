using Microsoft.Extensions.AI;

namespace Squeeze.Reliability;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task SixtyFourParallelRequests_MixedStreaming_MatchSequentialResults()
    {
        List<ChatMessage>[] conversations = [.. Enumerable.Range(0, 8).Select(i => Conversations.Mixed(5 + (i * 3)))];
        int[] budgets = [100, 200, 400, 800];

        using var sequentialInner = new TestChatClient();
        using var sequential = new CompressingChatClient(sequentialInner, new SqueezeOptions { Ratio = 3, UseBuiltInModel = false });
        var expected = new List<string[]>();
        for (int r = 0; r < 64; r++)
        {
            await sequential.GetResponseAsync(conversations[r % 8], Options(budgets[r % 4]));
            expected.Add([.. sequentialInner.Received[r].Select(m => m.Text)]);
        }

        using var sharedInner = new RecordingByRequestClient();
        using var shared = new CompressingChatClient(sharedInner, new SqueezeOptions { Ratio = 3, UseBuiltInModel = false });
        await Parallel.ForEachAsync(Enumerable.Range(0, 64), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (r, ct) =>
        {
            ChatOptions options = Options(budgets[r % 4]);
            options.ConversationId = r.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (r % 2 == 0)
            {
                await shared.GetResponseAsync(conversations[r % 8], options, ct);
            }
            else
            {
                await foreach (ChatResponseUpdate update in shared.GetStreamingResponseAsync(conversations[r % 8], options, ct))
                {
                    _ = update;
                }
            }
        });

        for (int r = 0; r < 64; r++)
        {
            Assert.Equal(expected[r], sharedInner.Received[r.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
    }

    private static ChatOptions Options(int budget) => new() { AdditionalProperties = new() { ["squeeze.budget"] = budget } };

    private sealed class RecordingByRequestClient : IChatClient
    {
        public System.Collections.Concurrent.ConcurrentDictionary<string, string[]> Received { get; } = new();

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Received[options!.ConversationId!] = [.. messages.Select(m => m.Text)];
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")));
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Received[options!.ConversationId!] = [.. messages.Select(m => m.Text)];
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, "ok");
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
