using CsCheck;
using Microsoft.Extensions.AI;

namespace Squeeze.Reliability;

/// <summary>CsCheck generators for hostile conversations: odd Unicode, Markdown, code, tool calls, empty parts.</summary>
internal static class ConversationGenerators
{
    private static readonly string[] _pieces =
    [
        "the ", "of ", "and ", "gateway ", "port ", "8443", "3.14", "Dr. Smith", "e.g. ", "U.S. ", ". ", "? ", "! ", "\n", "\r\n", "\n\n", "\t",
        "😀", "👩‍👩‍👧", "🇺🇸", "é", "e\u0301", "\u200b", "\u200d", "\u202e", "שלום ", "مرحبا ", "東京は", "。", "！", "\uFEFF",
        "# Heading\n", "| a | b |\n", "- item\n", "1. first\n", "```python\n", "```\n", "def f(x):\n    return {x: '}'}\n",
        "if (a < b) { c(); }\n", "/* { */", "\"}\"", "`${a}`", "Document [2]\n", "<squeeze keep>", "</squeeze>", "   ", string.Empty,
    ];

    public static readonly Gen<string> Text =
        Gen.Int[0, _pieces.Length - 1].Select(i => _pieces[i]).Array[0, 120].Select(parts => string.Concat(parts));

    public static readonly Gen<ChatMessage> Turn =
        Gen.Select(Gen.Bool.Select(b => b ? ChatRole.User : ChatRole.Assistant), Text, (role, text) => new ChatMessage(role, text));

    public static readonly Gen<List<ChatMessage>> Conversation =
        Gen.Select(Text, Turn.List[0, 6], Text, Gen.Bool, (system, turns, question, withTool) =>
        {
            var messages = new List<ChatMessage> { new(ChatRole.System, system) };
            messages.AddRange(turns);
            if (withTool)
            {
                messages.Add(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("c1", "tool", new Dictionary<string, object?> { ["q"] = "x" })]));
                messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent("c1", "result 42")]));
            }

            messages.Add(new ChatMessage(ChatRole.User, question));
            for (int i = 0; i < messages.Count; i++)
            {
                messages[i].MessageId = "m" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return messages;
        });
}
