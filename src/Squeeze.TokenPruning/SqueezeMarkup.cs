namespace Squeeze.TokenPruning;

/// <summary>The inline markup found in a text by <see cref="SqueezeMarkupParser.Parse(string)"/>.</summary>
public sealed class SqueezeMarkup
{
    internal SqueezeMarkup(string text, IReadOnlyList<MarkupRegion> regions)
    {
        Text = text;
        Regions = regions;
    }

    /// <summary>Gets the parsed text, tags included.</summary>
    public string Text { get; }

    /// <summary>Gets the well-formed regions, in order and not overlapping.</summary>
    public IReadOnlyList<MarkupRegion> Regions { get; }

    /// <summary>Gets a value indicating whether the text has any well-formed region.</summary>
    public bool HasMarkup => Regions.Count > 0;

    /// <summary>Gets the spans of the text outside the tags, in order: what remains when the markup is stripped.</summary>
    /// <returns>The spans, not empty ones.</returns>
    public IReadOnlyList<TextSpan> GetContentSpans()
    {
        var spans = new List<TextSpan>(Regions.Count * 2 + 1);
        int cursor = 0;
        foreach (MarkupRegion region in Regions)
        {
            AddSpan(spans, cursor, region.OpenTag.Start);
            AddSpan(spans, region.Content.Start, region.Content.End);
            cursor = region.CloseTag.End;
        }

        AddSpan(spans, cursor, Text.Length);
        return spans;
    }

    /// <summary>Gets the text with the tags removed and everything else unchanged.</summary>
    /// <returns>The stripped text.</returns>
    public string StripTags() => HasMarkup ? CompressedText.FromSpans(Text, GetContentSpans(), "markup").Text : Text;

    private static void AddSpan(List<TextSpan> spans, int start, int end)
    {
        if (end > start)
        {
            spans.Add(TextSpan.FromBounds(start, end));
        }
    }
}
