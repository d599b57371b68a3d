namespace Squeeze.TokenPruning;

/// <summary>
/// LLMLingua's budget controller and iterative token-level compression, at word granularity, shared by
/// <see cref="LlmLinguaCompressor"/> and <see cref="LongLlmLinguaCompressor"/>.
/// </summary>
internal static class LlmLinguaEngine
{
    /// <summary>Compresses a prepared text to a budget.</summary>
    /// <param name="text">The prepared text.</param>
    /// <param name="budget">The most target tokens.</param>
    /// <param name="counter">The target counter.</param>
    /// <param name="scorer">The token scorer.</param>
    /// <param name="options">The options.</param>
    /// <param name="question">The question for question-aware (contrastive) scoring; <see langword="null"/> for none.</param>
    /// <param name="method">The method name to report.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>The compressed text.</returns>
    public static async Task<CompressedText> CompressAsync(
        PrunableText text, int budget, ITokenCounter counter, ITokenScorer scorer, TokenPruningOptions options, string? question, string method, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (PruningShortcuts.TryShortcut(text, budget, counter, method, out CompressedText shortcut))
        {
            return shortcut;
        }

        WordUnit[] units = text.Units;
        int n = units.Length;
        int[] costs = text.CountUnitTokens(counter);
        double[] scores = new double[n];
        bool[] dropped = await CoarsePassAsync(text, costs, budget, scorer, options, scores, cancellationToken).ConfigureAwait(false);
        bool[] selected = await TokenPassAsync(text, costs, budget, scorer, options, question, dropped, scores, cancellationToken).ConfigureAwait(false);

        double[] priority = new double[n];
        for (int i = 0; i < n; i++)
        {
            priority[i] = selected[i] ? UnitPriority.Selected + scores[i]
                : dropped[i] ? UnitPriority.Demoted + scores[i]
                : scores[i];
        }

        UnitPriority.ApplyControls(text, scores, costs, priority);
        List<TextSpan> kept = BudgetFitter.Fit(text, priority, budget, counter, cancellationToken);
        return CompressedText.FromSpans(text.Source, kept, method);
    }

    /// <summary>
    /// The budget controller: when the text is much longer than the budget, scores it once and drops whole sentences of the lowest
    /// mean surprisal until about <see cref="TokenPruningOptions.CoarseBudgetMultiplier"/> times the budget is left.
    /// Sentences holding a unit that must be kept, or markup, are never dropped.
    /// </summary>
    private static async Task<bool[]> CoarsePassAsync(
        PrunableText text, int[] costs, int budget, ITokenScorer scorer, TokenPruningOptions options, double[] scores, CancellationToken cancellationToken)
    {
        int n = text.Units.Length;
        bool[] dropped = new bool[n];
        long total = 0;
        foreach (int cost in costs)
        {
            total += cost;
        }

        double target = budget * options.CoarseBudgetMultiplier;
        int sentenceCount = n == 0 ? 0 : text.Sentence[n - 1] + 1;
        if (!options.UseCoarseSentencePass || total <= target || sentenceCount < 2)
        {
            return dropped;
        }

        var all = new List<int>(n);
        for (int i = 0; i < n; i++)
        {
            all.Add(i);
        }

        int[] offsets = new int[n];
        string assembled = UnitText.Assemble(text, all, 0, offsets);
        IReadOnlyList<TokenScores> result = await scorer.ScoreAsync([new ScoringInput(assembled)], cancellationToken).ConfigureAwait(false);
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++)
        {
            lengths[i] = text.Units[i].Length;
        }

        double[] sum = new double[n];
        int[] count = new int[n];
        UnitText.Map(result[0], offsets, lengths, scores, sum, count);

        double[] sentenceSum = new double[sentenceCount];
        int[] sentenceTokens = new int[sentenceCount];
        long[] sentenceCost = new long[sentenceCount];
        bool[] mustKeep = new bool[sentenceCount];
        for (int i = 0; i < n; i++)
        {
            int s = text.Sentence[i];
            sentenceSum[s] += sum[i];
            sentenceTokens[s] += count[i];
            sentenceCost[s] += costs[i];
            mustKeep[s] |= text.Forced[i] && !text.Units[i].Has(WordUnitFlags.Newline) && !text.Units[i].Has(WordUnitFlags.Question);
            mustKeep[s] |= text.RegionIndex[i] >= 0;
        }

        double kept = 0;
        var candidates = new List<int>(sentenceCount);
        for (int s = 0; s < sentenceCount; s++)
        {
            if (mustKeep[s])
            {
                kept += sentenceCost[s];
            }
            else
            {
                candidates.Add(s);
            }
        }

        double Mean(int s) => sentenceTokens[s] == 0 ? 0 : sentenceSum[s] / sentenceTokens[s];
        candidates.Sort((a, b) => Mean(a) != Mean(b) ? Mean(b).CompareTo(Mean(a)) : a.CompareTo(b));
        bool[] keepSentence = (bool[])mustKeep.Clone();
        foreach (int s in candidates)
        {
            if (kept >= target)
            {
                break;
            }

            keepSentence[s] = true;
            kept += sentenceCost[s];
        }

        for (int i = 0; i < n; i++)
        {
            dropped[i] = !keepSentence[text.Sentence[i]];
        }

        return dropped;
    }

    /// <summary>
    /// Iterative token-level compression: the surviving text is cut into segments of about <see cref="TokenPruningOptions.IterativeSize"/>
    /// tokens; each segment is scored conditioned on the already-compressed text before it (the kept words of the earlier segments, not
    /// the original text), and its most surprising words are kept until the segment meets its share of the budget.
    /// </summary>
    /// <remarks>
    /// Conditioning uses <see cref="ITokenScorer.ScoreAsync"/> with the compressed text as <see cref="ScoringInput.Prefix"/>: an
    /// <see cref="IScoringSession"/> would append the whole segment, dropped words included, to what later segments are conditioned on.
    /// With a question, the same call batches the segment under both prefixes and scores words by contrastive surprisal.
    /// </remarks>
    private static async Task<bool[]> TokenPassAsync(
        PrunableText text, int[] costs, int budget, ITokenScorer scorer, TokenPruningOptions options, string? question, bool[] dropped, double[] scores, CancellationToken cancellationToken)
    {
        int n = text.Units.Length;
        bool[] selected = new bool[n];
        long survivingCost = 0;
        for (int i = 0; i < n; i++)
        {
            if (!dropped[i])
            {
                survivingCost += costs[i];
            }
        }

        if (survivingCost == 0)
        {
            return selected;
        }

        double ratio = Math.Min(1.0, (double)budget / survivingCost);
        bool contrastive = options.QuestionAwareTokenPruning && !string.IsNullOrWhiteSpace(question);
        var compressed = new List<int>();
        var segment = new List<int>();
        int next = 0;
        while (next < n)
        {
            cancellationToken.ThrowIfCancellationRequested();
            segment.Clear();
            long segmentCost = 0;
            while (next < n && (segment.Count == 0 || segmentCost < options.IterativeSize))
            {
                if (!dropped[next])
                {
                    segment.Add(next);
                    segmentCost += costs[next];
                }

                next++;
            }

            if (segment.Count == 0)
            {
                break;
            }

            int[] offsets = new int[segment.Count];
            int[] lengths = new int[segment.Count];
            string segmentText = UnitText.Assemble(text, segment, 0, offsets);
            for (int j = 0; j < segment.Count; j++)
            {
                lengths[j] = text.Units[segment[j]].Length;
            }

            string prefix = ConditioningPrefix(text, compressed, costs, options.MaxConditioningTokens);
            ScoringInput plain = new(segmentText, prefix.Length == 0 ? null : prefix);
            IReadOnlyList<TokenScores> result = await scorer.ScoreAsync(
                contrastive ? [plain, new ScoringInput(segmentText, question + "\n\n" + prefix)] : [plain],
                cancellationToken).ConfigureAwait(false);

            double[] max = new double[segment.Count];
            double[] sum = new double[segment.Count];
            int[] count = new int[segment.Count];
            UnitText.Map(result[0], offsets, lengths, max, sum, count);
            double[] segmentScores = max;
            if (contrastive)
            {
                double[] maxWith = new double[segment.Count];
                double[] sumWith = new double[segment.Count];
                UnitText.Map(result[1], offsets, lengths, maxWith, sumWith, count);
                for (int j = 0; j < segment.Count; j++)
                {
                    segmentScores[j] = sum[j] - sumWith[j];
                }
            }

            double share = ratio * segmentCost;
            long keptCost = 0;
            var candidates = new List<int>(segment.Count);
            for (int j = 0; j < segment.Count; j++)
            {
                int unit = segment[j];
                scores[unit] = segmentScores[j];
                if (text.Forced[unit])
                {
                    keptCost += costs[unit];
                }
                else if (text.RegionIndex[unit] < 0)
                {
                    candidates.Add(j);
                }
            }

            candidates.Sort((a, b) => segmentScores[a] != segmentScores[b] ? segmentScores[b].CompareTo(segmentScores[a]) : a.CompareTo(b));
            foreach (int j in candidates)
            {
                if (keptCost + costs[segment[j]] <= share)
                {
                    keptCost += costs[segment[j]];
                    selected[segment[j]] = true;
                }
            }

            foreach (int unit in segment)
            {
                if (selected[unit] || text.Forced[unit])
                {
                    compressed.Add(unit);
                }
            }
        }

        return selected;
    }

    private static string ConditioningPrefix(PrunableText text, List<int> compressed, int[] costs, int maxTokens)
    {
        if (maxTokens == 0 || compressed.Count == 0)
        {
            return string.Empty;
        }

        int from = compressed.Count;
        long tokens = 0;
        while (from > 0 && tokens + costs[compressed[from - 1]] <= maxTokens)
        {
            from--;
            tokens += costs[compressed[from]];
        }

        return UnitText.Assemble(text, compressed, from, null);
    }
}
