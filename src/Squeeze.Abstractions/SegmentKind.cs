namespace Squeeze;

/// <summary>What a <see cref="ContextSegment"/> holds; the pipeline allocates budget and picks methods by kind.</summary>
public enum SegmentKind
{
    /// <summary>Instructions to the model, such as a system prompt. Keeps its tokens by default.</summary>
    Instruction,

    /// <summary>The question being asked (by default the last user message). Keeps its tokens by default.</summary>
    Question,

    /// <summary>Retrieved or pasted reference text.</summary>
    Document,

    /// <summary>Source code, for example a fenced code block or a code file.</summary>
    Code,

    /// <summary>The textual result of a tool or function call.</summary>
    ToolResult,

    /// <summary>An earlier turn of the conversation.</summary>
    History,
}
