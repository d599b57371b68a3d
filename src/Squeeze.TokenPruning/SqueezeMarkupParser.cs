using System.Globalization;

namespace Squeeze.TokenPruning;

/// <summary>
/// Finds inline compression markup: <c>&lt;squeeze keep&gt;…&lt;/squeeze&gt;</c> (keep verbatim) and
/// <c>&lt;squeeze rate="0.3"&gt;…&lt;/squeeze&gt;</c> (keep about 30% of the tokens; the value may be quoted with " or ' or bare, from 0 to 1).
/// </summary>
/// <remarks>
/// Tag names and attributes are case-insensitive. Regions do not nest: an opening tag inside a region is ordinary content and the region
/// ends at the first closing tag. Malformed markup is never an error: an opening tag without a closing tag, an unknown or invalid attribute
/// or a stray closing tag is left in the text as ordinary characters. The parser runs in time linear in the text's length.
/// </remarks>
public static class SqueezeMarkupParser
{
    private const string OpenTagStart = "<squeeze";
    private const string CloseTag = "</squeeze>";
    private const int MaxOpenTagLength = 64;

    /// <summary>Parses the markup of <paramref name="text"/>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The regions found; none for text without well-formed markup.</returns>
    public static SqueezeMarkup Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var regions = new List<MarkupRegion>();
        int position = 0;
        while (position < text.Length)
        {
            int open = text.IndexOf(OpenTagStart, position, StringComparison.OrdinalIgnoreCase);
            if (open < 0)
            {
                break;
            }

            if (!TryParseOpenTag(text, open, out int tagEnd, out MarkupRegionKind kind, out double rate))
            {
                position = open + 1;
                continue;
            }

            int close = text.IndexOf(CloseTag, tagEnd, StringComparison.OrdinalIgnoreCase);
            if (close < 0)
            {
                // No closing tag after this point: no later opening tag can be closed either.
                break;
            }

            regions.Add(new MarkupRegion(
                TextSpan.FromBounds(open, tagEnd),
                TextSpan.FromBounds(tagEnd, close),
                TextSpan.FromBounds(close, close + CloseTag.Length),
                kind,
                rate));
            position = close + CloseTag.Length;
        }

        return new SqueezeMarkup(text, regions);
    }

    private static bool TryParseOpenTag(string text, int open, out int tagEnd, out MarkupRegionKind kind, out double rate)
    {
        tagEnd = 0;
        kind = MarkupRegionKind.Keep;
        rate = 1;
        int limit = Math.Min(text.Length, open + MaxOpenTagLength);
        int i = open + OpenTagStart.Length;
        if (i >= limit || !char.IsWhiteSpace(text[i]))
        {
            return false;
        }

        bool hasKeep = false;
        double? parsedRate = null;
        while (true)
        {
            while (i < limit && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= limit)
            {
                return false;
            }

            if (text[i] == '>')
            {
                tagEnd = i + 1;
                break;
            }

            ReadOnlySpan<char> rest = text.AsSpan(i, limit - i);
            if (rest.StartsWith("keep", StringComparison.OrdinalIgnoreCase) && rest.Length > 4 && (rest[4] == '>' || char.IsWhiteSpace(rest[4])))
            {
                hasKeep = true;
                i += 4;
                continue;
            }

            if (!rest.StartsWith("rate", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            i += 4;
            while (i < limit && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= limit || text[i] != '=')
            {
                return false;
            }

            i++;
            while (i < limit && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= limit)
            {
                return false;
            }

            int valueStart;
            int valueEnd;
            char quote = text[i];
            if (quote is '"' or '\'')
            {
                valueStart = i + 1;
                valueEnd = text.IndexOf(quote, valueStart, limit - valueStart);
                if (valueEnd < 0)
                {
                    return false;
                }

                i = valueEnd + 1;
            }
            else
            {
                valueStart = i;
                while (i < limit && text[i] != '>' && !char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                valueEnd = i;
            }

            if (!double.TryParse(text.AsSpan(valueStart, valueEnd - valueStart), NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                || !double.IsFinite(value) || value < 0 || value > 1)
            {
                return false;
            }

            parsedRate = value;
        }

        if (hasKeep)
        {
            kind = MarkupRegionKind.Keep;
            rate = 1;
            return true;
        }

        if (parsedRate is double r)
        {
            kind = MarkupRegionKind.Rate;
            rate = r;
            return true;
        }

        return false;
    }
}
