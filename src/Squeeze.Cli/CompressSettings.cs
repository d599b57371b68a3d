namespace Squeeze.Cli;

/// <summary>The parsed options of <c>squeeze compress</c>.</summary>
internal sealed record CompressSettings(
    string Input,
    CompressionBudget Budget,
    string? Query,
    CompressionMethod Method,
    string Tokenizer,
    FileInfo? Output,
    bool Json,
    bool Stats,
    bool NoModel,
    bool CodeUse,
    int ChunkCharacters);
