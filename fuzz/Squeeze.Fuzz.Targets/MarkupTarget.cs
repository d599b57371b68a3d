using System.Text;
using Squeeze.TokenPruning;

namespace Squeeze.Fuzz;

/// <summary>Target "markup": <see cref="SqueezeMarkupParser.Parse"/> and <see cref="SqueezeMarkup.StripTags"/>; regions in bounds, ordered, well formed.</summary>
internal static class MarkupTarget
{
    public const string Name = "markup";

    public static void Run(ReadOnlySpan<byte> data)
    {
        string text = FuzzInput.Decode(data);
        SqueezeMarkup markup = SqueezeMarkupParser.Parse(text);
        Check.That(ReferenceEquals(markup.Text, text), Name, "Text is not the input");
        int previousEnd = 0;
        int tagChars = 0;
        var expected = new StringBuilder(text.Length);
        foreach (MarkupRegion region in markup.Regions)
        {
            Check.That(region.OpenTag.Start >= previousEnd && region.OpenTag.Length > 0, Name, $"region at {region.OpenTag} overlaps the previous one");
            Check.That(region.OpenTag.End == region.Content.Start && region.Content.End == region.CloseTag.Start, Name, "tags and content are not contiguous");
            Check.That(region.Content.Length >= 0 && region.CloseTag.End <= text.Length, Name, "region out of bounds");
            Check.That(text.AsSpan(region.OpenTag.Start, region.OpenTag.Length).StartsWith("<squeeze", StringComparison.OrdinalIgnoreCase) && text[region.OpenTag.End - 1] == '>', Name, "open tag is not <squeeze …>");
            Check.That(text.AsSpan(region.CloseTag.Start, region.CloseTag.Length).Equals("</squeeze>", StringComparison.OrdinalIgnoreCase), Name, "close tag is not </squeeze>");
            Check.That(region.Rate is >= 0 and <= 1 && (region.Kind != MarkupRegionKind.Keep || region.Rate == 1), Name, $"rate {region.Rate} invalid for {region.Kind}");
            expected.Append(text, previousEnd, region.OpenTag.Start - previousEnd).Append(text, region.Content.Start, region.Content.Length);
            tagChars += region.OpenTag.Length + region.CloseTag.Length;
            previousEnd = region.CloseTag.End;
        }

        expected.Append(text, previousEnd, text.Length - previousEnd);
        string stripped = markup.StripTags();
        Check.That(stripped.Length == text.Length - tagChars, Name, "StripTags removed more or less than the tags");
        Check.That(stripped == expected.ToString(), Name, "StripTags is not the text outside the tags");
        Check.That(markup.HasMarkup || ReferenceEquals(stripped, text), Name, "StripTags changed text without markup");
        Check.Subsequence(Name, text, markup.GetContentSpans(), stripped);
    }
}
