using CsCheck;
using Microsoft.Extensions.AI;

namespace Squeeze.Reliability;

/// <summary>Properties that hold for every conversation, checked on generated hostile input with a fixed seed.</summary>
public sealed class CompressionPropertyTests
{
    private const string Seed = "3VbCaoHI6vXp";
    private static readonly ITokenCounter _o200k = TargetTokenizers.ForEncoding("o200k_base");

    [Fact]
    public void Middleware_OutputFitsBudget_KeepsProtected_IsSubsequence_OrFailsWithSqueezeException() =>
        Gen.Select(ConversationGenerators.Conversation, Gen.Int[1, 400])
            .Sample((messages, budget) =>
            {
                using var inner = new TestChatClient();
                using var client = new CompressingChatClient(inner, new SqueezeOptions { TokenBudget = budget, UseBuiltInModel = false, FailureMode = FailureMode.FailClosed });
                try
                {
                    client.GetResponseAsync(messages).GetAwaiter().GetResult();
                }
                catch (SqueezeException ex)
                {
                    // The only allowed failure: protected content alone does not fit.
                    Assert.Contains("cannot be met", ex.Message, StringComparison.Ordinal);
                    int protectedTokens = _o200k.CountTokens(messages[0].Text) + _o200k.CountTokens(messages[^1].Text);
                    Assert.True(protectedTokens > budget / 2 || protectedTokens + 8 > budget, $"failed although protected content needs only {protectedTokens} of {budget}");
                    return;
                }

                List<ChatMessage> sent = Assert.Single(inner.Received);
                int total = Conversations.CountTokens(messages, _o200k);
                Assert.True(Conversations.CountTokens(sent, _o200k) <= Math.Max(budget, 0) || total <= budget);
                Assert.Same(messages[0], sent[0]);
                Assert.Same(messages[^1], sent[^1]);
                if (total <= budget)
                {
                    Assert.Equal(messages, sent);
                }

                int j = 0;
                foreach (ChatMessage message in sent)
                {
                    while (!SameOrigin(messages[j], message))
                    {
                        j++;
                    }

                    SubsequenceAssert.IsOrderedSubsequence(messages[j].Text, message.Text);
                    j++;
                }
            }, seed: Seed, iter: 300);

    [Fact]
    public void Middleware_IsDeterministic() =>
        ConversationGenerators.Conversation.Sample(messages =>
        {
            using var inner = new TestChatClient();
            using var client = new CompressingChatClient(inner, new SqueezeOptions { TokenBudget = 120, UseBuiltInModel = false });
            client.GetResponseAsync(messages).GetAwaiter().GetResult();
            client.GetResponseAsync(messages).GetAwaiter().GetResult();
            Assert.Equal(inner.Received[0].Select(m => m.Text), inner.Received[1].Select(m => m.Text));
        }, seed: Seed, iter: 100);

    private static bool SameOrigin(ChatMessage original, ChatMessage sent) => original.MessageId == sent.MessageId;
}
