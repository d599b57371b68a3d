using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Squeeze;

/// <summary>An inner chat client that records what it receives and answers with fixed text.</summary>
internal sealed class TestChatClient : IChatClient
{
    public List<List<ChatMessage>> Received { get; } = [];

    public ChatClientMetadata? Metadata { get; init; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        lock (Received)
        {
            Received.Add([.. messages]);
        }

        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        lock (Received)
        {
            Received.Add([.. messages]);
        }

        foreach (string chunk in new[] { "chunk-1 ", "chunk-2 ", "chunk-3" })
        {
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, chunk);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? Metadata : null;

    public void Dispose()
    {
    }
}
