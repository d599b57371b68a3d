namespace Squeeze.TokenPruning;

/// <summary>What a <see cref="WordUnit"/> holds.</summary>
[Flags]
internal enum WordUnitFlags
{
    /// <summary>An ordinary word or punctuation.</summary>
    None = 0,

    /// <summary>A run of line breaks.</summary>
    Newline = 1,

    /// <summary>The word contains a digit (a number, kept whole with its decimal separators and a trailing %).</summary>
    Number = 2,

    /// <summary>The unit holds a question mark.</summary>
    Question = 4,

    /// <summary>The unit ends a sentence or a line.</summary>
    SentenceEnd = 8,
}
