using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;

namespace Squeeze.Benchmarks;

/// <summary>CompressingChatClient overhead on a 20-message conversation over a no-op inner client.</summary>
[MemoryDiagnoser]
public class MiddlewareBenchmarks
{
    private readonly NoOpChatClient _inner = new();
    private List<ChatMessage> _messages = [];
    private CompressingChatClient _passThrough = null!;
    private CompressingChatClient _compressing = null!;

    /// <summary>o200k tokens of the whole conversation.</summary>
    public int ConversationTokens { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        // A system prompt, 18 alternating turns of about 500 tokens each, and a last user question.
        string text = BenchmarkText.OfTokens(9_000);
        int chunk = text.Length / 18;
        _messages = [new ChatMessage(ChatRole.System, "You are a helpful assistant. Answer from the documents.")];
        for (int i = 0; i < 18; i++)
        {
            _messages.Add(new ChatMessage(i % 2 == 0 ? ChatRole.User : ChatRole.Assistant, text.Substring(i * chunk, chunk)));
        }

        _messages.Add(new ChatMessage(ChatRole.User, BenchmarkText.Question));
        _passThrough = new CompressingChatClient(_inner, new SqueezeOptions { TokenBudget = 100_000, UseBuiltInModel = false });
        _compressing = new CompressingChatClient(_inner, new SqueezeOptions { TokenBudget = 2_500, UseBuiltInModel = false });
    }

    [Benchmark(Baseline = true, Description = "inner-only")]
    public Task<ChatResponse> Inner() => _inner.GetResponseAsync(_messages);

    [Benchmark(Description = "within-budget")]
    public Task<ChatResponse> PassThrough() => _passThrough.GetResponseAsync(_messages);

    [Benchmark(Description = "compress-to-2500")]
    public Task<ChatResponse> Compressing() => _compressing.GetResponseAsync(_messages);
}
