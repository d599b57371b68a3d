namespace Squeeze;

/// <summary>
/// A piece of the context sent to a model: its text, what kind of text it is, whether it may be compressed,
/// and where it came from.
/// </summary>
public sealed class ContextSegment
{
    /// <summary>Initializes a new segment.</summary>
    /// <param name="text">The segment's text.</param>
    /// <param name="kind">What the text is.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public ContextSegment(string text, SegmentKind kind)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        Kind = kind;
    }

    /// <summary>Gets the segment's text.</summary>
    public string Text { get; }

    /// <summary>Gets what the text is.</summary>
    public SegmentKind Kind { get; }

    /// <summary>Gets or sets a value indicating whether the segment must be passed through byte for byte.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool IsProtected { get; set; }

    /// <summary>Gets or sets the segment's weight when the budget is shared: a segment of priority 2 gets twice the share of one of priority 1.</summary>
    /// <value>The default is 1.</value>
    public double Priority
    {
        get;
        set
        {
            if (!double.IsFinite(value) || value <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Priority must be a positive finite number.");
            }

            field = value;
        }
    } = 1;

    /// <summary>Gets or sets the programming language of a <see cref="SegmentKind.Code"/> segment (a file extension or fence tag such as "cs" or "python"), if known.</summary>
    public string? Language { get; set; }

    /// <summary>Gets or sets where the segment came from in the chat messages.</summary>
    public SegmentOrigin Origin { get; set; } = SegmentOrigin.None;

    /// <inheritdoc />
    public override string ToString() => $"{Kind}{(IsProtected ? " (protected)" : string.Empty)}: {Text.Length} chars";
}
