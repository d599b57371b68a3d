namespace Squeeze.TokenPruning;

/// <summary>
/// LongLLMLingua: question-aware compression of multi-document contexts. Documents are ranked by relevance to the question, reordered,
/// given budget shares that grow with relevance, and pruned word by word by contrastive surprisal,
/// s(word | compressed prefix) - s(word | question, compressed prefix): words the question makes more predictable are kept.
/// </summary>
/// <remarks>
/// As an <see cref="ISegmentCompressor"/> it compresses one text question-aware with the request's query (without a query it behaves like
/// <see cref="LlmLinguaCompressor"/>). Output is built only from input spans; markup tags are the only other text removed. Thread-safe when the scorer is.
/// </remarks>
public sealed class LongLlmLinguaCompressor : ISegmentCompressor
{
    private readonly ITokenScorer _scorer;
    private readonly TokenPruningOptions _options;

    /// <summary>Initializes a new compressor.</summary>
    /// <param name="scorer">The token scorer.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    public LongLlmLinguaCompressor(ITokenScorer scorer, TokenPruningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        _scorer = scorer;
        _options = options ?? new TokenPruningOptions();
    }

    /// <inheritdoc />
    /// <value>"tokens-longllmlingua".</value>
    public string Name => "tokens-longllmlingua";

    /// <inheritdoc />
    public Task<CompressedText> CompressAsync(SegmentCompressionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        PrunableText text = PrunableText.Create(request.Text, _options, protectedSpans: null, forceWord: null);
        return LlmLinguaEngine.CompressAsync(text, request.TokenBudget, request.Counter, _scorer, _options, request.Query, Name, cancellationToken);
    }

    /// <summary>Ranks documents by relevance to <paramref name="question"/>: higher scores are more relevant.</summary>
    /// <param name="documents">The documents.</param>
    /// <param name="question">The question.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>One relevance score per document, in input order (negative infinity for an empty document).</returns>
    /// <remarks>
    /// <see cref="DocumentRankingMethod.QuestionGivenDocument"/>: minus the mean surprisal of the question (with
    /// <see cref="TokenPruningOptions.RankingQuestionSuffix"/>) given the document. <see cref="DocumentRankingMethod.Contrastive"/>: the mean surprisal
    /// of the document's tokens without the question minus with the question in front. One batched scorer call either way.
    /// </remarks>
    public async Task<double[]> RankDocumentsAsync(IReadOnlyList<string> documents, string question, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(question);
        int n = documents.Count;
        double[] relevance = new double[n];
        var inputs = new List<ScoringInput>(n * 2);
        var scored = new List<int>(n);
        for (int i = 0; i < n; i++)
        {
            string document = documents[i] ?? throw new ArgumentException("Documents must not be null.", nameof(documents));
            if (string.IsNullOrWhiteSpace(document))
            {
                relevance[i] = double.NegativeInfinity;
                continue;
            }

            scored.Add(i);
            if (_options.RankingMethod == DocumentRankingMethod.QuestionGivenDocument)
            {
                inputs.Add(new ScoringInput(question + _options.RankingQuestionSuffix, document));
            }
            else
            {
                inputs.Add(new ScoringInput(document));
                inputs.Add(new ScoringInput(document, question));
            }
        }

        if (inputs.Count == 0)
        {
            return relevance;
        }

        IReadOnlyList<TokenScores> scores = await _scorer.ScoreAsync(inputs, cancellationToken).ConfigureAwait(false);
        for (int k = 0; k < scored.Count; k++)
        {
            relevance[scored[k]] = _options.RankingMethod == DocumentRankingMethod.QuestionGivenDocument
                ? -Mean(scores[k])
                : Mean(scores[2 * k]) - Mean(scores[(2 * k) + 1]);
        }

        return relevance;
    }

    /// <summary>
    /// Compresses documents for a question into one budget: ranks them (<see cref="RankDocumentsAsync"/>), shares the budget among them in
    /// proportion to their length weighted by rank (<see cref="TokenPruningOptions.DynamicRatioSpread"/>), prunes each question-aware, and
    /// orders them (<see cref="TokenPruningOptions.DocumentOrder"/>).
    /// </summary>
    /// <param name="documents">The documents, in input order.</param>
    /// <param name="question">The question the documents must answer.</param>
    /// <param name="tokenBudget">The most target tokens of the joined result, separators included.</param>
    /// <param name="counter">The target model's token counter.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>The compressed documents; their joined <see cref="DocumentCompressionResult.Text"/> fits the budget.</returns>
    public async Task<DocumentCompressionResult> CompressDocumentsAsync(
        IReadOnlyList<string> documents, string question, int tokenBudget, ITokenCounter counter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(counter);
        ArgumentOutOfRangeException.ThrowIfNegative(tokenBudget);
        int n = documents.Count;
        if (n == 0)
        {
            return new DocumentCompressionResult([], string.Empty, 0);
        }

        double[] relevance = await RankDocumentsAsync(documents, question, cancellationToken).ConfigureAwait(false);
        int[] byRank = new int[n];
        for (int i = 0; i < n; i++)
        {
            byRank[i] = i;
        }

        Array.Sort(byRank, (a, b) => relevance[a] != relevance[b] ? relevance[b].CompareTo(relevance[a]) : a.CompareTo(b));
        int[] rank = new int[n];
        for (int k = 0; k < n; k++)
        {
            rank[byRank[k]] = k;
        }

        int[] order = Order(byRank, _options.DocumentOrder);
        int[] tokens = new int[n];
        long total = 0;
        for (int i = 0; i < n; i++)
        {
            tokens[i] = counter.CountTokens(documents[i]);
            total += tokens[i];
        }

        int separatorTokens = counter.CountTokens(_options.DocumentSeparator);
        int[] budgets = new int[n];
        long available = Math.Max(0, tokenBudget - ((long)(n - 1) * separatorTokens));
        if (total <= available)
        {
            Array.Copy(tokens, budgets, n);
        }
        else
        {
            double weightedTotal = 0;
            for (int i = 0; i < n; i++)
            {
                weightedTotal += Weight(rank[i], n) * tokens[i];
            }

            for (int i = 0; i < n; i++)
            {
                budgets[i] = weightedTotal <= 0 ? 0 : (int)Math.Min(tokens[i], Math.Floor(available * Weight(rank[i], n) * tokens[i] / weightedTotal));
            }
        }

        var compressed = new CompressedText[n];
        for (int i = 0; i < n; i++)
        {
            compressed[i] = await CompressDocumentAsync(documents[i], budgets[i], counter, question, cancellationToken).ConfigureAwait(false);
        }

        while (true)
        {
            string joined = Join(compressed, order);
            int count = counter.CountTokens(joined);
            if (count <= tokenBudget)
            {
                var results = new CompressedDocument[n];
                for (int k = 0; k < n; k++)
                {
                    int i = order[k];
                    results[k] = new CompressedDocument(i, rank[i], relevance[i], compressed[i], tokens[i], counter.CountTokens(compressed[i].Text));
                }

                return new DocumentCompressionResult(results, joined, count);
            }

            // Separators or merges across documents overshot: take the excess from the least relevant document that still has text.
            int victim = -1;
            for (int k = n - 1; k >= 0 && victim < 0; k--)
            {
                if (compressed[byRank[k]].Text.Length > 0)
                {
                    victim = byRank[k];
                }
            }

            int current = counter.CountTokens(compressed[victim].Text);
            budgets[victim] = Math.Max(0, Math.Min(budgets[victim], current) - Math.Max(1, count - tokenBudget));
            compressed[victim] = await CompressDocumentAsync(documents[victim], budgets[victim], counter, question, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Restores, in an LLM's response, text it quoted from the compressed prompt: each run of at least two tokens that appears in
    /// <paramref name="compressedPrompt"/> is replaced by the shortest stretch of <paramref name="originalPrompt"/> that contains the run's tokens
    /// in order (subsequence recovery). The rest of the response is unchanged.
    /// </summary>
    /// <param name="response">The model's response.</param>
    /// <param name="compressedPrompt">The compressed prompt the model saw.</param>
    /// <param name="originalPrompt">The prompt before compression.</param>
    /// <returns>The response with quoted runs recovered.</returns>
    public static string RecoverResponse(string response, string compressedPrompt, string originalPrompt)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(compressedPrompt);
        ArgumentNullException.ThrowIfNull(originalPrompt);
        return ResponseRecovery.Recover(response, compressedPrompt, originalPrompt);
    }

    internal static int[] Order(int[] byRank, DocumentOrder documentOrder)
    {
        int n = byRank.Length;
        int[] order = new int[n];
        switch (documentOrder)
        {
            case DocumentOrder.MostRelevantFirst:
                Array.Copy(byRank, order, n);
                break;
            case DocumentOrder.Edges:
                int front = 0;
                int back = n - 1;
                for (int k = 0; k < n; k++)
                {
                    if (k % 2 == 0)
                    {
                        order[front++] = byRank[k];
                    }
                    else
                    {
                        order[back--] = byRank[k];
                    }
                }

                break;
            default:
                for (int i = 0; i < n; i++)
                {
                    order[i] = i;
                }

                break;
        }

        return order;
    }

    private static double Mean(TokenScores scores)
    {
        ReadOnlySpan<float> surprisal = scores.Surprisal.Span;
        if (surprisal.IsEmpty)
        {
            return 0;
        }

        double sum = 0;
        foreach (float s in surprisal)
        {
            sum += s;
        }

        return sum / surprisal.Length;
    }

    private double Weight(int rank, int count) =>
        count <= 1 ? 1 : 1 + _options.DynamicRatioSpread - (2 * _options.DynamicRatioSpread * rank / (count - 1));

    private Task<CompressedText> CompressDocumentAsync(string document, int budget, ITokenCounter counter, string question, CancellationToken cancellationToken)
    {
        PrunableText text = PrunableText.Create(document, _options, protectedSpans: null, forceWord: null);
        return LlmLinguaEngine.CompressAsync(text, budget, counter, _scorer, _options, question, Name, cancellationToken);
    }

    private string Join(CompressedText[] compressed, int[] order)
    {
        var parts = new List<string>(order.Length);
        foreach (int i in order)
        {
            if (compressed[i].Text.Length > 0)
            {
                parts.Add(compressed[i].Text);
            }
        }

        return string.Join(_options.DocumentSeparator, parts);
    }
}
