using Microsoft.Extensions.AI;

namespace Squeeze.Middleware;

/// <summary>
/// Splits chat messages into context segments: system prompts become instructions, the last user message the question,
/// other turns history or documents, fenced code blocks code, and (when allowed) tool results tool results.
/// Every text content is covered by its segments exactly, so joining them rebuilds the original text.
/// </summary>
internal static class ChatSegmenter
{
    /// <summary>The key, in a message's or a content's <see cref="AdditionalPropertiesDictionary"/>, that marks it protected when set to <see langword="true"/>.</summary>
    public const string ProtectedKey = "squeeze.protected";

    public static SegmentedConversation Segment(IReadOnlyList<ChatMessage> messages, SqueezeOptions options)
    {
        int lastUser = -1;
        for (int i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i].Role == ChatRole.User)
            {
                lastUser = i;
                break;
            }
        }

        var segments = new List<ContextSegment>();
        for (int i = 0; i < messages.Count; i++)
        {
            ChatMessage message = messages[i];
            bool messageProtected = IsMarkedProtected(message.AdditionalProperties)
                || (options.ProtectSystemPrompt && message.Role == ChatRole.System)
                || (options.ProtectLastUserMessage && i == lastUser);
            SegmentKind kind = message.Role == ChatRole.System ? SegmentKind.Instruction
                : i == lastUser ? SegmentKind.Question
                : message.Role == ChatRole.Tool ? SegmentKind.ToolResult
                : message.Role == ChatRole.User ? SegmentKind.Document
                : SegmentKind.History;

            for (int j = 0; j < message.Contents.Count; j++)
            {
                AIContent content = message.Contents[j];
                bool isProtected = messageProtected || IsMarkedProtected(content.AdditionalProperties);
                switch (content)
                {
                    case TextContent text:
                        AddText(segments, text.Text ?? string.Empty, kind, isProtected, i, j);
                        break;
                    case FunctionResultContent result:
                        string resultText = ToolResultText(result);
                        if (resultText.Length > 0)
                        {
                            bool compressible = options.CompressToolResults && !isProtected && result.Result is string;
                            segments.Add(new ContextSegment(resultText, LooksLikeCode(resultText) ? SegmentKind.Code : SegmentKind.ToolResult)
                            {
                                IsProtected = !compressible,
                                Origin = new SegmentOrigin(i, j, new TextSpan(0, resultText.Length)),
                            });
                        }

                        break;
                }
            }
        }

        string query = lastUser >= 0 ? messages[lastUser].Text : string.Empty;
        return new SegmentedConversation(segments, query);
    }

    /// <summary>Gets the text the target model reads for a tool result: the string itself, or its string form.</summary>
    public static string ToolResultText(FunctionResultContent result) => result.Result switch
    {
        null => string.Empty,
        string s => s,
        _ => result.Result.ToString() ?? string.Empty,
    };

    private static void AddText(List<ContextSegment> segments, string text, SegmentKind kind, bool isProtected, int message, int content)
    {
        if (isProtected || kind is SegmentKind.Instruction or SegmentKind.Question)
        {
            segments.Add(new ContextSegment(text, kind) { IsProtected = isProtected, Origin = new SegmentOrigin(message, content, new TextSpan(0, text.Length)) });
            return;
        }

        int cursor = 0;
        foreach (FencedBlock block in FencedCodeScanner.Find(text))
        {
            AddPlain(segments, text, cursor, block.Open.Start, kind, message, content);
            AddPiece(segments, text, block.Open, SegmentKind.Code, message, content, isProtected: true, language: null);
            AddPiece(segments, text, block.Body, SegmentKind.Code, message, content, isProtected: false, language: block.Language);
            AddPiece(segments, text, block.Close, SegmentKind.Code, message, content, isProtected: true, language: null);
            cursor = block.Close.End;
        }

        AddPlain(segments, text, cursor, text.Length, kind, message, content);
    }

    private static void AddPlain(List<ContextSegment> segments, string text, int start, int end, SegmentKind kind, int message, int content)
    {
        if (end > start || (start == 0 && end == 0 && text.Length == 0))
        {
            AddPiece(segments, text, TextSpan.FromBounds(start, end), kind, message, content, isProtected: false, language: null);
        }
    }

    private static void AddPiece(List<ContextSegment> segments, string text, TextSpan span, SegmentKind kind, int message, int content, bool isProtected, string? language)
    {
        if (span.Length == 0 && text.Length != 0)
        {
            return;
        }

        segments.Add(new ContextSegment(text.Substring(span.Start, span.Length), kind)
        {
            IsProtected = isProtected,
            Language = language,
            Origin = new SegmentOrigin(message, content, span),
        });
    }

    private static bool IsMarkedProtected(AdditionalPropertiesDictionary? properties) =>
        properties is not null && properties.TryGetValue(ProtectedKey, out object? value) && value is true or "true" or "True";

    private static bool LooksLikeCode(string text)
    {
        int braces = 0, semicolons = 0, lines = 1;
        foreach (char c in text)
        {
            switch (c)
            {
                case '{' or '}':
                    braces++;
                    break;
                case ';':
                    semicolons++;
                    break;
                case '\n':
                    lines++;
                    break;
            }
        }

        return lines >= 5 && braces + semicolons >= lines / 2;
    }
}
