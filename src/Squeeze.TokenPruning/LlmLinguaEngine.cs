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
        bool contrastive = options.QuestionAwareTokenPruning && !string.IsNullOrWhiteSpace(question);
        bool[] dropped = await CoarsePassAsync(text, costs, budget, scorer, options, contrastive ? question : null, scores, cancellationToken).ConfigureAwait(false);
        bool[] selected = await TokenPassAsync(text, costs, budget, scorer, options, question, dropped, scores, cancellationToken).ConfigureAwait(false);

        double[] priority = new double[n];
        for (int i = 0; i < n; i++)
        {
            priority[i] = selected[i] ? UnitPriority.Selected + scores[i]
                : dropped[i] ? UnitPriority.Demoted + scores[i]
                : scores[i];
        }

        UnitPriority.ApplyControls(text, scores, costs, priority);
        List<TextSpan> kept = BudgetFitter.Fit(text, priority, costs, budget, counter, cancellationToken);
        return CompressedText.FromSpans(text.Source, kept, method);
    }

    /// <summary>
    /// The budget controller: when the text is much longer than the budget, scores it once and drops whole sentences of the lowest
    /// mean surprisal until about <see cref="TokenPruningOptions.CoarseBudgetMultiplier"/> times the budget is left.
    /// With a question, the same call also scores the text after the question and sentences are ranked by mean contrastive
    /// surprisal (how much more predictable the question makes them), as LongLLMLingua's question-aware sentence filter.
    /// Sentences holding a unit that must be kept, or markup, are never dropped.
    /// </summary>
    private static async Task<bool[]> CoarsePassAsync(
        PrunableText text, int[] costs, int budget, ITokenScorer scorer, TokenPruningOptions options, string? question, double[] scores, CancellationToken cancellationToken)
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
        IReadOnlyList<TokenScores> result = await scorer.ScoreAsync(
            question is null ? [new ScoringInput(assembled)] : [new ScoringInput(assembled), new ScoringInput(assembled, question + "\n\n")],
            cancellationToken).ConfigureAwait(false);
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++)
        {
            lengths[i] = text.Units[i].Length;
        }

        double[] sum = new double[n];
        int[] count = new int[n];
        UnitText.Map(result[0], offsets, lengths, scores, sum, count);
        if (question is not null)
        {
            double[] maxWith = new double[n];
            double[] sumWith = new double[n];
            int[] countWith = new int[n];
            UnitText.Map(result[1], offsets, lengths, maxWith, sumWith, countWith);
            for (int i = 0; i < n; i++)
            {
                sum[i] -= sumWith[i];
            }
        }

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
    /// Conditioning goes through an <see cref="IScoringSession"/>: each segment is peeked (scored without being appended), then only its
    /// kept words are appended, so a scorer with a key/value cache never recomputes the compressed prefix. With a question, a second
    /// session that starts with the question scores the same segment, and words are scored by contrastive surprisal.
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
        string questionPrefix = question + "\n\n";
        using IScoringSession? plainSession = options.ConditionOnCompressedPrefix ? scorer.CreateSession() : null;
        using IScoringSession? questionSession = options.ConditionOnCompressedPrefix && contrastive ? scorer.CreateSession() : null;
        if (questionSession is not null)
        {
            await questionSession.AppendContextAsync(questionPrefix, cancellationToken).ConfigureAwait(false);
        }

        var keptInSegment = new List<int>();
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

            IReadOnlyList<TokenScores> result = plainSession is null
                ? await scorer.ScoreAsync(contrastive ? [new(segmentText), new(segmentText, questionPrefix)] : [new(segmentText)], cancellationToken).ConfigureAwait(false)
                : questionSession is null
                    ? [await plainSession.PeekAsync(segmentText, cancellationToken).ConfigureAwait(false)]
                    : await scorer.PeekAsync([plainSession, questionSession], segmentText, cancellationToken).ConfigureAwait(false);

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

            if (plainSession is null)
            {
                continue;
            }

            keptInSegment.Clear();
            foreach (int unit in segment)
            {
                if (selected[unit] || text.Forced[unit])
                {
                    keptInSegment.Add(unit);
                }
            }

            string kept = UnitText.Assemble(text, keptInSegment, 0, null);
            if (kept.Length > 0)
            {
                await plainSession.AppendContextAsync(kept, cancellationToken).ConfigureAwait(false);
                if (questionSession is not null)
                {
                    await questionSession.AppendContextAsync(kept, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return selected;
    }
}

