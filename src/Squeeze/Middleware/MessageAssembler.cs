using System.Text;
using Microsoft.Extensions.AI;

namespace Squeeze.Middleware;

/// <summary>
/// Rebuilds chat messages from compressed segment texts. Messages and contents that did not change are passed through as the
/// same objects; changed messages are copies with new content lists, so the caller's messages are never mutated.
/// </summary>
internal static class MessageAssembler
{
    public static List<ChatMessage> Assemble(IReadOnlyList<ChatMessage> messages, IReadOnlyList<ContextSegment> segments, IReadOnlyList<string> texts)
    {
        // Group the compressed pieces by (message, content), in order.
        var pieces = new Dictionary<(int Message, int Content), StringBuilder>();
        var changed = new HashSet<(int Message, int Content)>();
        for (int s = 0; s < segments.Count; s++)
        {
            SegmentOrigin origin = segments[s].Origin;
            var key = (origin.MessageIndex, origin.ContentIndex);
            if (!pieces.TryGetValue(key, out StringBuilder? builder))
            {
                pieces[key] = builder = new StringBuilder();
            }

            builder.Append(texts[s]);
            if (!ReferenceEquals(texts[s], segments[s].Text) && !string.Equals(texts[s], segments[s].Text, StringComparison.Ordinal))
            {
                changed.Add(key);
            }
        }

        var result = new List<ChatMessage>(messages.Count);
        for (int i = 0; i < messages.Count; i++)
        {
            ChatMessage message = messages[i];
            List<AIContent>? contents = null;
            bool anyLeft = false;
            for (int j = 0; j < message.Contents.Count; j++)
            {
                AIContent content = message.Contents[j];
                AIContent? replacement = content;
                if (changed.Contains((i, j)))
                {
                    contents ??= [.. message.Contents];
                    string text = pieces[(i, j)].ToString();
                    replacement = content switch
                    {
                        TextContent t when text.Length == 0 => null,
                        TextContent t => new TextContent(text) { AdditionalProperties = t.AdditionalProperties, Annotations = t.Annotations, RawRepresentation = null },
                        FunctionResultContent r => new FunctionResultContent(r.CallId, text) { Exception = r.Exception, AdditionalProperties = r.AdditionalProperties },
                        _ => content,
                    };
                }

                if (contents is not null)
                {
                    contents[j] = replacement!;
                }

                anyLeft |= replacement is not null;
            }

            if (contents is null)
            {
                result.Add(message);
                continue;
            }

            contents.RemoveAll(static c => c is null);
            if (!anyLeft)
            {
                // Every part of the message was dropped to meet the budget.
                continue;
            }

            ChatMessage copy = message.Clone();
            copy.Contents = contents;
            result.Add(copy);
        }

        return result;
    }
}
