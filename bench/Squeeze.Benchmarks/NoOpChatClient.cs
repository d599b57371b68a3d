using Microsoft.Extensions.AI;

namespace Squeeze.Benchmarks;

/// <summary>An inner client that answers at once, so the benchmark measures only the middleware.</summary>
internal sealed class NoOpChatClient : IChatClient
{
    private static readonly ChatResponse _response = new(new ChatMessage(ChatRole.Assistant, "ok"));

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(_response);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        yield return new ChatResponseUpdate(ChatRole.Assistant, "ok");
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
