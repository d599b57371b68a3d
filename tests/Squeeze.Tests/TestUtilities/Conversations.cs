using System.Text;
using Microsoft.Extensions.AI;

namespace Squeeze;

/// <summary>Deterministic test conversations with documents, code and tool calls.</summary>
internal static class Conversations
{
    public const string SystemPrompt = "You are a careful assistant. Answer from the documents.";
    public const string Question = "Which port does the Orion gateway listen on?";

    private static readonly string[] _words =
    [
        "the", "network", "gateway", "service", "listens", "on", "a", "configured", "port", "and", "forwards", "requests", "to",
        "backend", "nodes", "while", "logging", "every", "connection", "in", "its", "audit", "trail", "operators", "can", "change",
        "timeouts", "retries", "or", "certificates", "without", "restarting", "cluster", "of", "machines", "Orion", "Lyra", "Vega",
    ];

    public static string Prose(int seed, int sentences)
    {
        var random = new Random(seed);
        var builder = new StringBuilder();
        for (int s = 0; s < sentences; s++)
        {
            int length = 8 + random.Next(12);
            for (int w = 0; w < length; w++)
            {
                string word = _words[random.Next(_words.Length)];
                builder.Append(w == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word);
                builder.Append(w == length - 1 ? ". " : " ");
            }

            if (s % 5 == 4)
            {
                builder.Append("\n\n");
            }
        }

        return builder.ToString();
    }

    public static string Code(int functions)
    {
        var builder = new StringBuilder();
        for (int f = 0; f < functions; f++)
        {
            builder.Append("public static int Compute").Append(f).Append("(int value)\n{\n");
            for (int line = 0; line < 6; line++)
            {
                builder.Append("    value = (value * ").Append(31 + line).Append(") % ").Append(1000 + f).Append(";\n");
            }

            builder.Append("    return value;\n}\n\n");
        }

        return builder.ToString();
    }

    /// <summary>A system prompt, a user turn with documents, an assistant turn with a fenced code block, a tool call and result, and a final question.</summary>
    public static List<ChatMessage> Mixed(int size)
    {
        var documents = new StringBuilder();
        for (int d = 0; d < size; d++)
        {
            documents.Append("Document [").Append(d + 1).Append("]\n").Append(Prose(d, 12)).Append("\n\n");
        }

        documents.Append("Document [0]\nThe Orion gateway listens on port 8443 for all traffic.\n");
        return
        [
            new ChatMessage(ChatRole.System, SystemPrompt),
            new ChatMessage(ChatRole.User, documents.ToString()),
            new ChatMessage(ChatRole.Assistant, "Here is the relevant code:\n```csharp\n" + Code(size) + "```\nAnd some notes: " + Prose(size + 100, 10)),
            new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call-1", "lookup_port", new Dictionary<string, object?> { ["service"] = "orion" })]),
            new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call-1", "8443")]),
            new ChatMessage(ChatRole.User, Question),
        ];
    }

    public static int CountTokens(IEnumerable<ChatMessage> messages, ITokenCounter counter)
    {
        int total = 0;
        foreach (ChatMessage message in messages)
        {
            foreach (AIContent content in message.Contents)
            {
                total += content switch
                {
                    TextContent text => counter.CountTokens(text.Text),
                    FunctionResultContent result => counter.CountTokens(result.Result?.ToString() ?? string.Empty),
                    _ => 0,
                };
            }
        }

        return total;
    }
}
