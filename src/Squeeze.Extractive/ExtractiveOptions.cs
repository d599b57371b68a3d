namespace Squeeze.Extractive;

/// <summary>Settings of <see cref="ExtractiveCompressor"/>. Every setter validates its value.</summary>
public sealed class ExtractiveOptions
{
    /// <summary>Gets or sets which units are kept or dropped.</summary>
    /// <value>The default is <see cref="ExtractionGranularity.Auto"/>: passages first, then sentences inside kept passages.</value>
    public ExtractionGranularity Granularity
    {
        get;
        set
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(Granularity), value, "Unknown granularity.");
            }

            field = value;
        }
    } = ExtractionGranularity.Auto;

    /// <summary>
    /// Gets or sets the text inserted where a stretch of the input was dropped (for example <c>"\n…\n"</c>).
    /// Markers count against the token budget.
    /// </summary>
    /// <value>The default is empty: dropped stretches are simply left out.</value>
    public string ElisionMarker
    {
        get;
        set
        {
            ArgumentNullException.ThrowIfNull(value, nameof(ElisionMarker));
            field = value;
        }
    } = string.Empty;

    /// <summary>
    /// Gets or sets the MMR redundancy penalty: a unit's value is its normalised relevance minus this times its highest similarity
    /// (word-bigram Jaccard) to any unit already kept. 0 to 10.
    /// </summary>
    /// <value>The default is 0.5.</value>
    public double RedundancyPenalty
    {
        get;
        set => field = InRange(value, 0, 10, nameof(RedundancyPenalty));
    } = 0.5;

    /// <summary>
    /// Gets or sets the similarity (word-bigram Jaccard, 0 to 1) from which a unit counts as a near-duplicate of a kept one
    /// and is never kept. Greater than 0, at most 1 (1 drops exact duplicates only).
    /// </summary>
    /// <value>The default is 0.6.</value>
    public double DuplicateThreshold
    {
        get;
        set
        {
            if (!double.IsFinite(value) || value <= 0 || value > 1)
            {
                throw new ArgumentOutOfRangeException(nameof(DuplicateThreshold), value, "DuplicateThreshold must be greater than 0 and at most 1.");
            }

            field = value;
        }
    } = 0.6;

    /// <summary>
    /// Gets or sets how strongly cost enters the greedy order: units are taken by value / tokens^exponent.
    /// 0 ranks by value alone, 1 by value per token (pure density). 0 to 1.
    /// </summary>
    /// <value>The default is 0.5.</value>
    public double CostExponent
    {
        get;
        set => field = InRange(value, 0, 1, nameof(CostExponent));
    } = 0.5;

    /// <summary>Gets or sets a value indicating whether keeping a unit also keeps the heading or document title it sits under.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool KeepHeadings { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether the first unit of the text is kept before anything else (when it fits).</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool KeepFirstUnit { get; set; }

    /// <summary>Gets or sets a value indicating whether the last unit of the text is kept before anything else (when it fits).</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool KeepLastUnit { get; set; }

    /// <summary>Gets or sets how many neighbouring units on each side (within the same passage) are kept with a kept unit. 0 to 16.</summary>
    /// <value>The default is 0.</value>
    public int NeighborUnits
    {
        get;
        set
        {
            if (value is < 0 or > 16)
            {
                throw new ArgumentOutOfRangeException(nameof(NeighborUnits), value, "NeighborUnits must be between 0 and 16.");
            }

            field = value;
        }
    }

    /// <summary>
    /// Gets or sets, for <see cref="ExtractionGranularity.Auto"/>, the budget of the passage stage as a multiple of the final budget:
    /// passages are kept up to this many tokens, then sentences inside them up to the budget. 1 to 100.
    /// </summary>
    /// <value>The default is 2.</value>
    public double PassageBudgetFactor
    {
        get;
        set => field = InRange(value, 1, 100, nameof(PassageBudgetFactor));
    } = 2;

    /// <summary>Gets or sets a value indicating whether, when no whole unit fits the budget, the most relevant unit is cut at a token boundary to fill it.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool TruncateWhenNothingFits { get; set; } = true;

    /// <summary>Returns a copy of these options.</summary>
    /// <returns>The copy.</returns>
    public ExtractiveOptions Clone() => (ExtractiveOptions)MemberwiseClone();

    private static double InRange(double value, double min, double max, string name)
    {
        if (!double.IsFinite(value) || value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}.");
        }

        return value;
    }
}
