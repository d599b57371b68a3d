namespace Squeeze.TokenPruning;

/// <summary>
/// The smallest piece token pruning keeps or drops: a word with its leading whitespace and punctuation,
/// a run of line breaks, or a sentence-ending punctuation run.
/// </summary>
/// <param name="Start">The index of the unit's first character.</param>
/// <param name="Length">The unit's length in characters.</param>
/// <param name="CoreStart">The index of the word itself (after the leading whitespace and punctuation).</param>
/// <param name="CoreLength">The word's length; 0 for a unit of whitespace or punctuation only.</param>
/// <param name="Flags">What the unit holds.</param>
internal readonly record struct WordUnit(int Start, int Length, int CoreStart, int CoreLength, WordUnitFlags Flags)
{
    /// <summary>Gets the index just past the unit.</summary>
    public int End => Start + Length;

    /// <summary>Gets the unit's span.</summary>
    public TextSpan Span => new(Start, Length);

    /// <summary>Gets a value indicating whether the unit has the given flag.</summary>
    /// <param name="flag">The flag.</param>
    /// <returns><see langword="true"/> when set.</returns>
    public bool Has(WordUnitFlags flag) => (Flags & flag) != 0;
}
