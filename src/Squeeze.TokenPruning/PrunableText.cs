namespace Squeeze.TokenPruning;

/// <summary>
/// A text prepared for pruning: its markup parsed, its content split into <see cref="WordUnit"/>s (tags excluded),
/// each unit's markup region, sentence and whether it must be kept.
/// </summary>
internal sealed class PrunableText
{
    private PrunableText(string source, WordUnit[] units, int[] regionIndex, IReadOnlyList<MarkupRegion> regions, bool[] forced, int[] sentence)
    {
        Source = source;
        Units = units;
        RegionIndex = regionIndex;
        Regions = regions;
        Forced = forced;
        Sentence = sentence;
    }

    /// <summary>Gets the original text, markup included.</summary>
    public string Source { get; }

    /// <summary>Gets the units of the content, in order; tags are not covered.</summary>
    public WordUnit[] Units { get; }

    /// <summary>Gets each unit's index into <see cref="Regions"/>, or -1 outside markup.</summary>
    public int[] RegionIndex { get; }

    /// <summary>Gets the markup regions.</summary>
    public IReadOnlyList<MarkupRegion> Regions { get; }

    /// <summary>Gets whether each unit must be kept.</summary>
    public bool[] Forced { get; }

    /// <summary>Gets each unit's sentence number, from 0.</summary>
    public int[] Sentence { get; }

    /// <summary>Gets a value indicating whether the text has markup (whose tags are always removed).</summary>
    public bool HasMarkup => Regions.Count > 0;

    /// <summary>Prepares <paramref name="source"/>.</summary>
    /// <param name="source">The text.</param>
    /// <param name="options">The force-keep and markup options.</param>
    /// <param name="protectedSpans">Spans of <paramref name="source"/> to keep; <see langword="null"/> for none.</param>
    /// <param name="forceWord">Decides whether a word (a unit's core) must be kept, for example a query word; <see langword="null"/> for none.</param>
    /// <returns>The prepared text.</returns>
    public static PrunableText Create(string source, TokenPruningOptions options, IReadOnlyList<TextSpan>? protectedSpans, Func<ReadOnlyMemory<char>, bool>? forceWord)
    {
        IReadOnlyList<MarkupRegion> regions = options.ParseMarkup ? SqueezeMarkupParser.Parse(source).Regions : [];
        var units = new List<WordUnit>(source.Length / 4 + 4);
        var regionOfUnit = new List<int>(source.Length / 4 + 4);
        int cursor = 0;
        for (int r = 0; r < regions.Count; r++)
        {
            MarkupRegion region = regions[r];
            AddUnits(source, cursor, region.OpenTag.Start, -1, units, regionOfUnit);
            AddUnits(source, region.Content.Start, region.Content.End, r, units, regionOfUnit);
            cursor = region.CloseTag.End;
        }

        AddUnits(source, cursor, source.Length, -1, units, regionOfUnit);
        WordUnit[] unitArray = [.. units];
        int[] regionIndex = [.. regionOfUnit];

        int[] sentence = new int[unitArray.Length];
        int current = 0;
        for (int i = 0; i < unitArray.Length; i++)
        {
            sentence[i] = current;
            if (unitArray[i].Has(WordUnitFlags.SentenceEnd))
            {
                current++;
            }
        }

        bool[] forced = new bool[unitArray.Length];
        int firstWord = -1;
        int lastWord = -1;
        for (int i = 0; i < unitArray.Length; i++)
        {
            WordUnit unit = unitArray[i];
            if (unit.CoreLength > 0)
            {
                firstWord = firstWord < 0 ? i : firstWord;
                lastWord = i;
            }

            forced[i] = (options.ForceKeepNewlines && unit.Has(WordUnitFlags.Newline))
                || (options.ForceKeepQuestionMarks && unit.Has(WordUnitFlags.Question))
                || (options.ForceKeepDigits && unit.Has(WordUnitFlags.Number))
                || (regionIndex[i] >= 0 && regions[regionIndex[i]].Kind == MarkupRegionKind.Keep)
                || (forceWord is not null && unit.CoreLength > 0 && forceWord(source.AsMemory(unit.CoreStart, unit.CoreLength)));
        }

        for (int i = 0; i < unitArray.Length; i++)
        {
            if ((options.KeepFirstSentence && firstWord >= 0 && sentence[i] == sentence[firstWord])
                || (options.KeepLastSentence && lastWord >= 0 && sentence[i] == sentence[lastWord]))
            {
                forced[i] = true;
            }
        }

        if (protectedSpans is not null)
        {
            foreach (TextSpan span in protectedSpans)
            {
                MarkOverlapping(unitArray, forced, span);
            }
        }

        foreach (string text in options.ForceKeepStrings)
        {
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            int at = 0;
            while ((at = source.IndexOf(text, at, StringComparison.Ordinal)) >= 0)
            {
                MarkOverlapping(unitArray, forced, new TextSpan(at, text.Length));
                at += text.Length;
            }
        }

        return new PrunableText(source, unitArray, regionIndex, regions, forced, sentence);
    }

    /// <summary>Counts each unit's target tokens on its own; a unit text that repeats (most words do) is counted once.</summary>
    /// <param name="counter">The target counter.</param>
    /// <returns>The token count of each unit.</returns>
    public int[] CountUnitTokens(ITokenCounter counter)
    {
        int[] costs = new int[Units.Length];
        var known = new Dictionary<string, int>(StringComparer.Ordinal);
        Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup = known.GetAlternateLookup<ReadOnlySpan<char>>();
        for (int i = 0; i < Units.Length; i++)
        {
            ReadOnlySpan<char> unit = Source.AsSpan(Units[i].Start, Units[i].Length);
            if (!lookup.TryGetValue(unit, out int cost))
            {
                cost = counter.CountTokens(unit);
                lookup[unit] = cost;
            }

            costs[i] = cost;
        }

        return costs;
    }

    /// <summary>Gets the spans of all units: the text with the markup tags removed.</summary>
    /// <returns>The spans.</returns>
    public TextSpan[] AllUnitSpans()
    {
        var spans = new TextSpan[Units.Length];
        for (int i = 0; i < Units.Length; i++)
        {
            spans[i] = Units[i].Span;
        }

        return spans;
    }

    private static void AddUnits(string source, int start, int end, int region, List<WordUnit> units, List<int> regionOfUnit)
    {
        int before = units.Count;
        WordUnitSplitter.Split(source, start, end, units);
        for (int i = before; i < units.Count; i++)
        {
            regionOfUnit.Add(region);
        }
    }

    private static void MarkOverlapping(WordUnit[] units, bool[] forced, TextSpan span)
    {
        if (span.Length <= 0)
        {
            return;
        }

        int lo = 0;
        int hi = units.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (units[mid].End <= span.Start)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        for (int i = lo; i < units.Length && units[i].Start < span.End; i++)
        {
            forced[i] = true;
        }
    }
}
