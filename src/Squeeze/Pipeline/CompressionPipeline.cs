using System.Diagnostics;

namespace Squeeze.Pipeline;

/// <summary>
/// Compresses a list of segments into one budget: instructions, the question and protected segments keep their tokens,
/// the other segments share what is left (see <see cref="BudgetAllocator"/>), each is compressed by the method its kind calls for,
/// and the result is checked with the target counter and trimmed if a method overshot. The budget is never exceeded.
/// </summary>
public sealed class CompressionPipeline : IContextCompressor, ISegmentCompressor
{
    private const int MaxTrimRounds = 8;
    private readonly ITokenCounter _counter;
    private readonly SqueezeOptions _options;
    private readonly SegmentMethods _methods;

    /// <summary>Initializes a new pipeline.</summary>
    /// <param name="counter">The target model's token counter.</param>
    /// <param name="options">The options; <see cref="SqueezeOptions.Method"/>, <see cref="SqueezeOptions.MinCompressibleTokens"/>,
    /// <see cref="SqueezeOptions.Scorer"/>, <see cref="SqueezeOptions.CodeUseClassifier"/>, <see cref="SqueezeOptions.UseBuiltInModel"/> and
    /// <see cref="SqueezeOptions.EmbeddingGenerator"/> apply. When the built-in model is asked for but cannot be loaded, the model-free methods are used.</param>
    public CompressionPipeline(ITokenCounter counter, SqueezeOptions? options = null)
        : this(counter, options ?? new SqueezeOptions(), SegmentMethods.Create(BuiltInScorer.Resolve(options ?? new SqueezeOptions(), out _), options?.EmbeddingGenerator, options?.CodeUseClassifier))
    {
    }

    internal CompressionPipeline(ITokenCounter counter, SqueezeOptions options, SegmentMethods methods)
    {
        ArgumentNullException.ThrowIfNull(counter);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(methods);
        options.Validate();
        _counter = counter;
        _options = options;
        _methods = methods;
    }

    /// <summary>Gets the pipeline's name as a single-text method: "pipeline-" and the configured method, such as "pipeline-auto".</summary>
    public string Name => "pipeline-" + _options.Method.ToString().ToLowerInvariant();

    /// <summary>Compresses one text as a single document (or code, when the request says so) segment.</summary>
    /// <param name="request">The text, budget and query. The request's counter must be the pipeline's.</param>
    /// <param name="cancellationToken">A token to cancel compression.</param>
    /// <returns>The compressed text.</returns>
    public async Task<CompressedText> CompressAsync(SegmentCompressionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_counter.CountTokens(request.Text) <= request.TokenBudget)
        {
            return CompressedText.Unchanged(request.Text, "unchanged");
        }

        var segment = new ContextSegment(request.Text, request.Kind is SegmentKind.Code ? SegmentKind.Code : SegmentKind.Document) { Language = request.Language };
        return await CompressSegmentAsync(segment, request.Query, request.TokenBudget, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<CompressionResult> CompressAsync(IReadOnlyList<ContextSegment> segments, string? query, CompressionBudget budget, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(segments);
        long started = Stopwatch.GetTimestamp();
        int n = segments.Count;
        var sizes = new int[n];
        int total = 0;
        for (int i = 0; i < n; i++)
        {
            ArgumentNullException.ThrowIfNull(segments[i], nameof(segments));
            sizes[i] = _counter.CountTokens(segments[i].Text);
            total += sizes[i];
        }

        int limit = budget.Resolve(total);
        var texts = new string[n];
        var methodNames = new string[n];
        var compressible = new List<int>(n);
        int fixedTokens = 0;
        for (int i = 0; i < n; i++)
        {
            texts[i] = segments[i].Text;
            methodNames[i] = segments[i].IsProtected ? "protected" : "unchanged";
            if (IsCompressible(segments[i], sizes[i]))
            {
                compressible.Add(i);
            }
            else
            {
                fixedTokens += sizes[i];
            }
        }

        if (total > limit)
        {
            int available = limit - fixedTokens;

            // Short turns are too small to compress but may be left out whole, oldest first, before the budget is declared unmeetable.
            for (int i = 0; i < n && available < 0; i++)
            {
                if (IsShortTurn(segments[i], sizes[i]))
                {
                    texts[i] = string.Empty;
                    methodNames[i] = "dropped";
                    available += sizes[i];
                    fixedTokens -= sizes[i];
                }
            }

            if (available < 0)
            {
                throw new SqueezeException(
                    $"The budget of {limit} tokens ({_counter.Name}) cannot be met: protected content, instructions and the question alone need {fixedTokens} tokens.");
            }

            var compressibleSizes = new int[compressible.Count];
            var weights = new double[compressible.Count];
            for (int k = 0; k < compressible.Count; k++)
            {
                compressibleSizes[k] = sizes[compressible[k]];
                weights[k] = segments[compressible[k]].Priority;
            }

            int[] allowance = BudgetAllocator.Allocate(compressibleSizes, weights, available);
            for (int k = 0; k < compressible.Count; k++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int i = compressible[k];
                if (allowance[k] >= sizes[i])
                {
                    continue;
                }

                CompressedText compressed = await CompressSegmentAsync(segments[i], query, allowance[k], cancellationToken).ConfigureAwait(false);
                texts[i] = compressed.Text;
                methodNames[i] = compressed.Method;
            }

            TrimToBudget(texts, methodNames, compressible, limit);
        }

        var reports = new SegmentReport[n];
        int after = 0;
        for (int i = 0; i < n; i++)
        {
            int tokens = ReferenceEquals(texts[i], segments[i].Text) ? sizes[i] : _counter.CountTokens(texts[i]);
            after += tokens;
            reports[i] = new SegmentReport(segments[i].Kind, segments[i].Origin, methodNames[i], sizes[i], tokens);
        }

        var report = new CompressionReport(reports, _counter.Name, limit, total, after, Stopwatch.GetElapsedTime(started));
        return new CompressionResult(texts, report);
    }

    private bool IsCompressible(ContextSegment segment, int tokens) => IsDroppable(segment) && tokens > _options.MinCompressibleTokens;

    private bool IsShortTurn(ContextSegment segment, int tokens) => IsDroppable(segment) && tokens <= _options.MinCompressibleTokens;

    private static bool IsDroppable(ContextSegment segment) => !segment.IsProtected && segment.Kind is not (SegmentKind.Instruction or SegmentKind.Question);

    private async Task<CompressedText> CompressSegmentAsync(ContextSegment segment, string? query, int allowance, CancellationToken cancellationToken)
    {
        string text = segment.Text;
        CompressedText result;
        switch (ChooseMethod(segment.Kind))
        {
            case CompressionMethod.Code:
                result = await _methods.Code.CompressAsync(Request(text, allowance, query, segment), cancellationToken).ConfigureAwait(false);
                break;
            case CompressionMethod.Extractive:
                result = await _methods.Extractive.CompressAsync(Request(text, allowance, query, segment), cancellationToken).ConfigureAwait(false);
                break;
            case CompressionMethod.Tokens:
                result = await _methods.Tokens.CompressAsync(Request(text, allowance, query, segment), cancellationToken).ConfigureAwait(false);
                break;
            default:
                // Auto prose: extract whole sentences down to about 1.5x the allowance, then prune tokens to the allowance.
                int firstStage = (int)Math.Min(int.MaxValue, Math.Ceiling(allowance * 1.5));
                if (firstStage < _counter.CountTokens(text))
                {
                    CompressedText extracted = await _methods.Extractive.CompressAsync(Request(text, firstStage, query, segment), cancellationToken).ConfigureAwait(false);
                    CompressedText pruned = await _methods.Tokens.CompressAsync(Request(extracted.Text, allowance, query, segment), cancellationToken).ConfigureAwait(false);
                    result = CompressedText.Compose(text, extracted, pruned, extracted.Method + "+" + pruned.Method);
                }
                else
                {
                    result = await _methods.Tokens.CompressAsync(Request(text, allowance, query, segment), cancellationToken).ConfigureAwait(false);
                }

                break;
        }

        if (_counter.CountTokens(result.Text) > allowance)
        {
            CompressedText trimmed = PrefixTruncationCompressor.Truncate(result.Text, allowance, _counter, "truncate");
            result = CompressedText.Compose(text, result, trimmed, result.Method + "+truncate");
        }

        return result;
    }

    private CompressionMethod ChooseMethod(SegmentKind kind) =>
        _options.Method != CompressionMethod.Auto ? _options.Method
        : kind == SegmentKind.Code ? CompressionMethod.Code
        : CompressionMethod.Auto;

    private SegmentCompressionRequest Request(string text, int budget, string? query, ContextSegment segment) =>
        new(text, budget, _counter) { Query = query, Kind = segment.Kind, Language = segment.Language };

    private void TrimToBudget(string[] texts, string[] methodNames, List<int> compressible, int limit)
    {
        for (int round = 0; round < MaxTrimRounds; round++)
        {
            int total = 0;
            int largest = -1, largestTokens = 0;
            foreach (string text in texts)
            {
                total += _counter.CountTokens(text);
            }

            if (total <= limit)
            {
                return;
            }

            foreach (int i in compressible)
            {
                int tokens = _counter.CountTokens(texts[i]);
                if (tokens > largestTokens)
                {
                    largest = i;
                    largestTokens = tokens;
                }
            }

            if (largest < 0)
            {
                break;
            }

            int target = Math.Max(0, largestTokens - (total - limit) - round);
            texts[largest] = PrefixTruncationCompressor.Truncate(texts[largest], target, _counter, "truncate").Text;
            methodNames[largest] += "+truncate";
        }

        int final = 0;
        foreach (string text in texts)
        {
            final += _counter.CountTokens(text);
        }

        if (final > limit)
        {
            throw new SqueezeException($"Compression could not meet the budget of {limit} tokens ({_counter.Name}): {final} tokens remain after trimming.");
        }
    }
}
