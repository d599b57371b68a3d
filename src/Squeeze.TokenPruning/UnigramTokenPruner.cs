namespace Squeeze.TokenPruning;

/// <summary>
/// Model-free token pruning: drops the words with the least unigram self-information (the most common words) until the text fits
/// its budget. Numbers, line breaks, question marks and the rarer words of the query are kept (see <see cref="TokenPruningOptions"/>).
/// </summary>
/// <remarks>
/// Words are kept or dropped whole, each with its leading whitespace and punctuation; the kept words stay in their original order and
/// nothing is inserted. The largest set of most-informative words that fits is found by binary search on the threshold with the
/// request's counter, so the result is always within the budget. Thread-safe.
/// </remarks>
public sealed class UnigramTokenPruner : ISegmentCompressor
{
    private readonly TokenPruningOptions _options;
    private readonly UnigramSelfInformation? _table;

    /// <summary>Initializes a new pruner.</summary>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <param name="table">The unigram table; <see langword="null"/> for <see cref="UnigramSelfInformation.Default"/> (loaded on first use).</param>
    public UnigramTokenPruner(TokenPruningOptions? options = null, UnigramSelfInformation? table = null)
    {
        _options = options ?? new TokenPruningOptions();
        _table = table;
    }

    /// <inheritdoc />
    /// <value>"tokens-unigram".</value>
    public string Name => "tokens-unigram";

    /// <inheritdoc />
    public Task<CompressedText> CompressAsync(SegmentCompressionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(Compress(request, protectedSpans: null, cancellationToken));
    }

    /// <summary>Compresses the request's text, keeping <paramref name="protectedSpans"/> whole.</summary>
    /// <param name="request">The text, budget, counter and query.</param>
    /// <param name="protectedSpans">Spans of the request's text to keep; every word they overlap is kept.</param>
    /// <param name="cancellationToken">A token to cancel compression.</param>
    /// <returns>The compressed text, within the budget.</returns>
    public CompressedText Compress(SegmentCompressionRequest request, IReadOnlyList<TextSpan>? protectedSpans, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        UnigramSelfInformation table = _table ?? UnigramSelfInformation.Default;
        Func<ReadOnlyMemory<char>, bool>? forceWord = BuildQueryWordFilter(request.Query, table);
        PrunableText text = PrunableText.Create(request.Text, _options, protectedSpans, forceWord);
        if (PruningShortcuts.TryShortcut(text, request.TokenBudget, request.Counter, Name, out CompressedText shortcut))
        {
            return shortcut;
        }

        WordUnit[] units = text.Units;
        double[] scores = new double[units.Length];
        for (int i = 0; i < units.Length; i++)
        {
            scores[i] = Score(text.Source, units[i], table);
        }

        double[] priority = (double[])scores.Clone();
        int[] costs = text.CountUnitTokens(request.Counter);
        UnitPriority.ApplyControls(text, scores, costs, priority);
        List<TextSpan> kept = BudgetFitter.Fit(text, priority, costs, request.TokenBudget, request.Counter, cancellationToken);
        return CompressedText.FromSpans(text.Source, kept, Name);
    }

    /// <summary>Scores a unit by the self-information of its word, or of its first punctuation character when it has no word.</summary>
    /// <param name="source">The text.</param>
    /// <param name="unit">The unit.</param>
    /// <param name="table">The unigram table.</param>
    /// <returns>The score in bits.</returns>
    internal static double Score(string source, WordUnit unit, UnigramSelfInformation table)
    {
        if (unit.CoreLength > 0)
        {
            return table.GetBits(source.AsSpan(unit.CoreStart, unit.CoreLength));
        }

        ReadOnlySpan<char> span = source.AsSpan(unit.Start, unit.Length).Trim();
        return span.IsEmpty ? 0 : table.GetBits(span[..1]);
    }

    private Func<ReadOnlyMemory<char>, bool>? BuildQueryWordFilter(string? query, UnigramSelfInformation table)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return null;
        }

        var queryUnits = new List<WordUnit>();
        WordUnitSplitter.Split(query, 0, query.Length, queryUnits);
        var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (WordUnit unit in queryUnits)
        {
            if (unit.CoreLength > 0 && table.GetBits(query.AsSpan(unit.CoreStart, unit.CoreLength)) >= _options.QueryWordMinBits)
            {
                words.Add(query.Substring(unit.CoreStart, unit.CoreLength));
            }
        }

        if (words.Count == 0)
        {
            return null;
        }

        HashSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
        return word => lookup.Contains(word.Span);
    }
}
