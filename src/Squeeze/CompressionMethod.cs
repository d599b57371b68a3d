namespace Squeeze;

/// <summary>Which method compresses the compressible segments.</summary>
public enum CompressionMethod
{
    /// <summary>Code goes to code compression; long prose to extractive selection then token pruning; short turns stay as they are (or, when nothing else meets the budget, are left out whole, oldest first).</summary>
    Auto,

    /// <summary>Query-aware selection of whole sentences and passages.</summary>
    Extractive,

    /// <summary>Token pruning by surprisal (LLMLingua-style), or by unigram self-information without a model.</summary>
    Tokens,

    /// <summary>Function-level then block-level code compression for every segment.</summary>
    Code,
}
