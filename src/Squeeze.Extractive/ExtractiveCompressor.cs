using Microsoft.Extensions.AI;

namespace Squeeze.Extractive;

/// <summary>
/// Query-aware extractive compression: splits the text into passages, paragraphs or sentences, scores them against the query,
/// and keeps the most relevant, least redundant units that fit the token budget, in their original order.
/// The output is made only of spans of the input, joined by <see cref="ExtractiveOptions.ElisionMarker"/> where text was dropped,
/// and its token count under the request's counter never exceeds the budget.
/// </summary>
/// <remarks>
/// The model-free default ranks with <see cref="Bm25RelevanceScorer"/>; with a language model and/or an embedding model the
/// scorers are combined by reciprocal-rank fusion. Thread-safe: one instance may serve concurrent requests.
/// </remarks>
public sealed class ExtractiveCompressor : ISegmentCompressor
{
    private readonly IRelevanceScorer _scorer;
    private readonly ExtractiveOptions _options;

    /// <summary>Initializes a model-free compressor that ranks with BM25 (named "extractive-bm25").</summary>
    /// <param name="options">Settings; <see langword="null"/> for the defaults. The options are copied.</param>
    public ExtractiveCompressor(ExtractiveOptions? options = null)
        : this(new Bm25RelevanceScorer(), options)
    {
    }

    /// <summary>Initializes a compressor that ranks with the given scorer (named "extractive-" plus the scorer's name, or "extractive-fused").</summary>
    /// <param name="scorer">The relevance scorer.</param>
    /// <param name="options">Settings; <see langword="null"/> for the defaults. The options are copied.</param>
    public ExtractiveCompressor(IRelevanceScorer scorer, ExtractiveOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        _scorer = scorer;
        _options = options?.Clone() ?? new ExtractiveOptions();
        Name = scorer is FusedRelevanceScorer ? "extractive-fused" : "extractive-" + scorer.Name;
    }

    /// <summary>
    /// Initializes a compressor that fuses BM25 with conditional surprisal from <paramref name="tokenScorer"/> and/or embedding
    /// similarity from <paramref name="embeddingGenerator"/> by reciprocal-rank fusion (named "extractive-fused";
    /// "extractive-bm25" when both are <see langword="null"/>).
    /// </summary>
    /// <param name="tokenScorer">A small language model, or <see langword="null"/>.</param>
    /// <param name="embeddingGenerator">An embedding model, or <see langword="null"/>.</param>
    /// <param name="options">Settings; <see langword="null"/> for the defaults. The options are copied.</param>
    public ExtractiveCompressor(ITokenScorer? tokenScorer, IEmbeddingGenerator<string, Embedding<float>>? embeddingGenerator, ExtractiveOptions? options = null)
        : this(CreateFused(tokenScorer, embeddingGenerator), options)
    {
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Gets the relevance scorer.</summary>
    public IRelevanceScorer Scorer => _scorer;

    /// <inheritdoc />
    public async Task<CompressedText> CompressAsync(SegmentCompressionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        string text = request.Text;
        ITokenCounter counter = request.Counter;
        int budget = request.TokenBudget;
        if (text.Length == 0 || counter.CountTokens(text) <= budget)
        {
            return CompressedText.Unchanged(text, Name);
        }

        if (budget == 0)
        {
            return CompressedText.FromSpans(text, [], Name);
        }

        SegmentedText segmented = DocumentLayout.Analyze(text);
        ExtractiveOptions o = _options;
        int markerCost = o.ElisionMarker.Length == 0 ? 0 : counter.CountTokens(o.ElisionMarker);
        string? query = string.IsNullOrWhiteSpace(request.Query) ? null : request.Query;

        TextSpan[] units;
        SelectionProblem problem;
        if (o.Granularity == ExtractionGranularity.Auto)
        {
            (units, problem) = await BuildAutoAsync(segmented, counter, budget, markerCost, query, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            TextUnitLevel level = o.Granularity switch
            {
                ExtractionGranularity.Sentence => TextUnitLevel.Sentence,
                ExtractionGranularity.Paragraph => TextUnitLevel.Paragraph,
                _ => TextUnitLevel.Passage,
            };
            units = segmented.Get(level);
            problem = BuildProblem(segmented, level, units, counter);
            await ScoreIntoAsync(text, units, problem, query, null, cancellationToken).ConfigureAwait(false);
        }

        ApplyPositionPriors(problem);
        bool[] selected = GreedySelector.Select(problem, budget, markerCost, o.KeepHeadings, o.NeighborUnits, o.RedundancyPenalty, o.DuplicateThreshold, o.CostExponent, cancellationToken);
        return FitExactly(text, units, problem, selected, counter, budget);
    }

    /// <summary>
    /// Runs as the first stage of a two-stage pipeline: selects to <paramref name="budgetMultiplier"/> times the request's budget,
    /// leaving a token pruner the rest of the way.
    /// </summary>
    /// <param name="request">The request whose budget is the final target.</param>
    /// <param name="budgetMultiplier">The multiple of the budget to select to; at least 1.</param>
    /// <param name="cancellationToken">A token to cancel compression.</param>
    /// <returns>The selected text; at most <c>ceil(budget × multiplier)</c> tokens.</returns>
    public Task<CompressedText> CompressAsFirstStageAsync(SegmentCompressionRequest request, double budgetMultiplier = 1.5, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!double.IsFinite(budgetMultiplier) || budgetMultiplier < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(budgetMultiplier), budgetMultiplier, "The budget multiplier must be a finite number of at least 1.");
        }

        int budget = (int)Math.Min(int.MaxValue, Math.Ceiling(request.TokenBudget * budgetMultiplier));
        var widened = new SegmentCompressionRequest(request.Text, budget, request.Counter)
        {
            Query = request.Query,
            Kind = request.Kind,
            Language = request.Language,
        };
        return CompressAsync(widened, cancellationToken);
    }

    private static FusedRelevanceScorer CreateFused(ITokenScorer? tokenScorer, IEmbeddingGenerator<string, Embedding<float>>? embeddingGenerator)
    {
        var scorers = new List<IRelevanceScorer> { new Bm25RelevanceScorer() };
        if (tokenScorer is not null)
        {
            scorers.Add(new SurprisalRelevanceScorer(tokenScorer));
        }

        if (embeddingGenerator is not null)
        {
            scorers.Add(new EmbeddingRelevanceScorer(embeddingGenerator));
        }

        return new FusedRelevanceScorer(scorers);
    }

    private async Task<(TextSpan[] Units, SelectionProblem Problem)> BuildAutoAsync(SegmentedText segmented, ITokenCounter counter, int budget, int markerCost, string? query, CancellationToken cancellationToken)
    {
        TextSpan[] sentences = segmented.Sentences;
        TextSpan[] passages = segmented.Passages;
        SelectionProblem sentenceProblem = BuildProblem(segmented, TextUnitLevel.Sentence, sentences, counter);
        if (passages.Length < 2 || passages.Length >= sentences.Length)
        {
            await ScoreIntoAsync(segmented.Text, sentences, sentenceProblem, query, null, cancellationToken).ConfigureAwait(false);
            return (sentences, sentenceProblem);
        }

        // Stage 1: passages, up to PassageBudgetFactor × budget.
        SelectionProblem passageProblem = BuildProblem(segmented, TextUnitLevel.Passage, passages, counter);
        await ScoreIntoAsync(segmented.Text, passages, passageProblem, query, null, cancellationToken).ConfigureAwait(false);
        int passageBudget = (int)Math.Min(int.MaxValue, Math.Ceiling(budget * _options.PassageBudgetFactor));
        bool[] keptPassages = GreedySelector.Select(passageProblem, passageBudget, markerCost, keepHeadings: false, neighbors: 0, _options.RedundancyPenalty, _options.DuplicateThreshold, _options.CostExponent, cancellationToken);
        bool anyKept = Array.IndexOf(keptPassages, true) >= 0;

        // Stage 2: sentences inside kept passages; a sentence's value blends its own relevance with its passage's.
        int[] parent = SegmentedText.MapToContaining(sentences, passages);
        for (int s = 0; s < sentences.Length; s++)
        {
            sentenceProblem.Eligible[s] = !anyKept || keptPassages[parent[s]];
        }

        await ScoreIntoAsync(segmented.Text, sentences, sentenceProblem, query, (parent, passageProblem.Values), cancellationToken).ConfigureAwait(false);
        return (sentences, sentenceProblem);
    }

    private static SelectionProblem BuildProblem(SegmentedText segmented, TextUnitLevel level, TextSpan[] units, ITokenCounter counter)
    {
        string text = segmented.Text;
        var problem = new SelectionProblem(units.Length);
        bool[]? titles = level switch
        {
            TextUnitLevel.Sentence => segmented.SentenceIsTitle,
            TextUnitLevel.Paragraph => segmented.ParagraphIsTitle,
            _ => null,
        };
        int[] group = SegmentedText.MapToContaining(units, segmented.Passages);
        int lastTitle = -1;
        for (int u = 0; u < units.Length; u++)
        {
            ReadOnlySpan<char> span = text.AsSpan(units[u].Start, units[u].Length);
            problem.Costs[u] = counter.CountTokens(span);
            problem.Shingles[u] = Shingles.Build(span);
            problem.Group[u] = group[u];
            if (u > 0 && group[u] != group[u - 1])
            {
                lastTitle = -1;
            }

            if (titles is not null && titles[u])
            {
                lastTitle = u;
            }
            else
            {
                problem.HeadingOf[u] = lastTitle;
            }
        }

        return problem;
    }

    private async Task ScoreIntoAsync(string text, TextSpan[] units, SelectionProblem problem, string? query, (int[] Parent, float[] Values)? passageValues, CancellationToken cancellationToken)
    {
        var eligible = new List<TextSpan>(units.Length);
        var index = new List<int>(units.Length);
        for (int u = 0; u < units.Length; u++)
        {
            if (problem.Eligible[u])
            {
                eligible.Add(units[u]);
                index.Add(u);
            }
        }

        float[] scores = await _scorer.ScoreAsync(text, eligible, query, cancellationToken).ConfigureAwait(false);
        if (scores.Length != eligible.Count)
        {
            throw new SqueezeException($"The relevance scorer '{_scorer.Name}' returned {scores.Length} scores for {eligible.Count} units.");
        }

        ScoreMath.NormalizeInPlace(scores);
        for (int i = 0; i < scores.Length; i++)
        {
            int u = index[i];
            problem.Values[u] = passageValues is { } pv ? (0.5f * scores[i]) + (0.5f * pv.Values[pv.Parent[u]]) : scores[i];
        }
    }

    private void ApplyPositionPriors(SelectionProblem problem)
    {
        if (problem.Count == 0)
        {
            return;
        }

        if (_options.KeepFirstUnit)
        {
            problem.Forced[0] = true;
            problem.Eligible[0] = true;
        }

        if (_options.KeepLastUnit)
        {
            problem.Forced[^1] = true;
            problem.Eligible[^1] = true;
        }
    }

    /// <summary>Measures the real output and drops the least valuable units until it fits; falls back to a cut unit when nothing fits.</summary>
    private CompressedText FitExactly(string text, TextSpan[] units, SelectionProblem problem, bool[] selected, ITokenCounter counter, int budget)
    {
        string marker = _options.ElisionMarker;
        var kept = new List<TextSpan>(units.Length);
        while (true)
        {
            kept.Clear();
            for (int u = 0; u < units.Length; u++)
            {
                if (selected[u])
                {
                    kept.Add(units[u]);
                }
            }

            if (kept.Count == 0)
            {
                break;
            }

            CompressedText result = CompressedText.FromSpans(text, kept, Name, marker);
            int tokens = counter.CountTokens(result.Text);
            if (tokens <= budget)
            {
                return result;
            }

            DropLeastValuable(problem, selected, tokens - budget);
        }

        return _options.TruncateWhenNothingFits ? Truncate(text, units, problem, counter, budget) : CompressedText.FromSpans(text, [], Name);
    }

    private static void DropLeastValuable(SelectionProblem problem, bool[] selected, int overflow)
    {
        // A heading is worth as much as the most valuable kept unit under it; forced units go last.
        int n = selected.Length;
        var worth = new float[n];
        for (int u = 0; u < n; u++)
        {
            worth[u] = problem.Values[u] + (problem.Forced[u] ? 2f : 0f);
        }

        for (int u = 0; u < n; u++)
        {
            int h = problem.HeadingOf[u];
            if (selected[u] && h >= 0 && selected[h])
            {
                worth[h] = Math.Max(worth[h], worth[u]);
            }
        }

        var order = new List<int>();
        for (int u = 0; u < n; u++)
        {
            if (selected[u])
            {
                order.Add(u);
            }
        }

        order.Sort((a, b) =>
        {
            int c = worth[a].CompareTo(worth[b]);
            return c != 0 ? c : b.CompareTo(a);
        });

        int removed = 0;
        foreach (int u in order)
        {
            selected[u] = false;
            removed += Math.Max(1, problem.Costs[u]);
            if (removed >= overflow)
            {
                break;
            }
        }
    }

    private CompressedText Truncate(string text, TextSpan[] units, SelectionProblem problem, ITokenCounter counter, int budget)
    {
        int best = -1;
        for (int u = 0; u < units.Length; u++)
        {
            if (problem.Eligible[u] && (best < 0 || problem.Values[u] > problem.Values[best]))
            {
                best = u;
            }
        }

        if (best < 0)
        {
            return CompressedText.FromSpans(text, [], Name);
        }

        TextSpan unit = units[best];
        ReadOnlySpan<char> span = text.AsSpan(unit.Start, unit.Length);
        int skip = span.Length - span.TrimStart().Length;
        for (int maxTokens = budget; maxTokens >= 1; maxTokens = maxTokens > 8 ? maxTokens * 3 / 4 : maxTokens - 1)
        {
            int length;
            try
            {
                length = counter.GetPrefixLength(span[skip..], maxTokens);
            }
            catch (NotSupportedException)
            {
                break;
            }

            if (length > 0 && char.IsHighSurrogate(span[skip + length - 1]))
            {
                length--;
            }

            if (length <= 0)
            {
                continue;
            }

            CompressedText result = CompressedText.FromSpans(text, [new TextSpan(unit.Start + skip, length)], Name, _options.ElisionMarker);
            if (counter.CountTokens(result.Text) <= budget)
            {
                return result;
            }
        }

        return CompressedText.FromSpans(text, [], Name);
    }
}
