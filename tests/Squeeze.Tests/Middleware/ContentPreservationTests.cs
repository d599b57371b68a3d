using Microsoft.Extensions.AI;

namespace Squeeze;

public sealed class ContentPreservationTests
{
    private static readonly ITokenCounter _o200k = TargetTokenizers.ForEncoding("o200k_base");

    [Fact]
    public async Task DataAndUnknownContents_PassThroughAsTheSameObjects()
    {
        var image = new DataContent(new byte[] { 1, 2, 3 }, "image/png");
        var reasoning = new TextReasoningContent("private chain of thought");
        var history = new ChatMessage(ChatRole.User, [new TextContent(Conversations.Prose(5, 80)), image, reasoning]);
        List<ChatMessage> original = [new(ChatRole.System, "Be brief."), history, new(ChatRole.User, "What is shown?")];
        using var inner = new TestChatClient();
        using var client = new CompressingChatClient(inner, new SqueezeOptions { TokenBudget = 60, UseBuiltInModel = false, FailureMode = FailureMode.FailClosed });

        await client.GetResponseAsync(original);

        ChatMessage sent = inner.Received[0][1];
        Assert.NotSame(history, sent);
        Assert.Contains(sent.Contents, c => ReferenceEquals(c, image));
        Assert.Contains(sent.Contents, c => ReferenceEquals(c, reasoning));
        Assert.Equal(3, history.Contents.Count);
        Assert.IsType<TextContent>(history.Contents[0]);
    }

    [Fact]
    public async Task ToolResults_AreCompressedOnlyWhenOptedIn_KeepingCallIdAndStructure()
    {
        string longResult = Conversations.Prose(9, 120);
        List<ChatMessage> Build() =>
        [
            new(ChatRole.System, "Use the tool output."),
            new(ChatRole.Assistant, [new FunctionCallContent("call-9", "search")]),
            new(ChatRole.Tool, [new FunctionResultContent("call-9", longResult)]),
            new(ChatRole.User, "Summarise the gateway behaviour."),
        ];

        using var inner = new TestChatClient();
        using var optedOut = new CompressingChatClient(inner, new SqueezeOptions { TokenBudget = 150, UseBuiltInModel = false, FailureMode = FailureMode.FailClosed });
        await Assert.ThrowsAsync<SqueezeException>(() => optedOut.GetResponseAsync(Build()));

        using var optedIn = new CompressingChatClient(inner, new SqueezeOptions { TokenBudget = 150, UseBuiltInModel = false, CompressToolResults = true, FailureMode = FailureMode.FailClosed });
        await optedIn.GetResponseAsync(Build());

        List<ChatMessage> sent = Assert.Single(inner.Received);
        FunctionResultContent result = Assert.IsType<FunctionResultContent>(Assert.Single(sent[2].Contents));
        Assert.Equal("call-9", result.CallId);
        string compressed = Assert.IsType<string>(result.Result);
        Assert.True(compressed.Length < longResult.Length);
        SubsequenceAssert.IsOrderedSubsequence(longResult, compressed);
        Assert.True(Conversations.CountTokens(sent, _o200k) <= 150);
    }

    [Fact]
    public async Task MessagesMarkedProtected_AreByteIdentical()
    {
        string keep = Conversations.Prose(11, 60);
        var marked = new ChatMessage(ChatRole.Assistant, keep) { AdditionalProperties = new() { ["squeeze.protected"] = true } };
        List<ChatMessage> original = [new(ChatRole.System, "S."), new(ChatRole.User, Conversations.Prose(12, 80)), marked, new(ChatRole.User, "Q?")];
        using var inner = new TestChatClient();
        using var client = new CompressingChatClient(inner, new SqueezeOptions { TokenBudget = _o200k.CountTokens(keep) + 40, UseBuiltInModel = false, FailureMode = FailureMode.FailClosed });

        await client.GetResponseAsync(original);

        Assert.Same(marked, inner.Received[0].Single(m => m.Role == ChatRole.Assistant));
        Assert.True(inner.Received[0][1].Text.Length < original[1].Text.Length);
    }

    [Fact]
    public async Task FencedCode_IsRoutedAsCodeAndFencesSurvive()
    {
        string text = "Look at this:\n```csharp\n" + Conversations.Code(12) + "```\nThanks.";
        List<ChatMessage> original = [new(ChatRole.User, text), new(ChatRole.Assistant, "ok"), new(ChatRole.User, "Which function multiplies by 31?")];
        using var inner = new TestChatClient();
        using var client = new CompressingChatClient(inner, new SqueezeOptions { TokenBudget = 200, UseBuiltInModel = false, FailureMode = FailureMode.FailClosed });

        await client.GetResponseAsync(original);

        string sent = inner.Received[0][0].Text;
        Assert.Contains("```csharp\n", sent, StringComparison.Ordinal);
        Assert.Contains("```\n", sent[(sent.IndexOf("```csharp", StringComparison.Ordinal) + 9)..], StringComparison.Ordinal);
        Assert.Contains(client.LastReport!.Segments, s => s.Kind == SegmentKind.Code && s.TokensAfter < s.TokensBefore);
    }
}
