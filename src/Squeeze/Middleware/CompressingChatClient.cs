using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Squeeze.Middleware;
using Squeeze.Pipeline;
using Squeeze.Telemetry;

namespace Squeeze;

/// <summary>
/// A chat client middleware that compresses the conversation to the target model's token budget before passing it on.
/// System prompts, the last user message and content marked protected pass through byte for byte; function calls, tool results
/// (unless <see cref="SqueezeOptions.CompressToolResults"/>), images and unknown content pass through untouched.
/// Streaming responses pass through unchanged. Also usable as an <see cref="IChatReducer"/>.
/// </summary>
/// <remarks>
/// When compression fails or takes longer than <see cref="SqueezeOptions.Timeout"/>, the original request is sent and a warning logged
/// (or, with <see cref="FailureMode.FailClosed"/>, a <see cref="SqueezeException"/> is thrown). Thread-safe.
/// Per request, <see cref="ChatOptions.AdditionalProperties"/> may carry "squeeze.disabled", "squeeze.budget", "squeeze.ratio" and "squeeze.query".
/// </remarks>
public sealed class CompressingChatClient : DelegatingChatClient, IChatReducer
{
    /// <summary>The key under which the <see cref="CompressionReport"/> of the request is stored in <see cref="ChatResponse.AdditionalProperties"/>.</summary>
    public const string ReportKey = "squeeze.report";

    private readonly ILogger _logger;
    private readonly Lazy<SegmentMethods> _methods;
    private readonly ConcurrentDictionary<ITokenCounter, CompressionPipeline> _pipelines = new();
    private volatile CompressionReport? _lastReport;
    private TokenizerTokenCounter? _customCounter;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="innerClient">The client that receives the compressed request.</param>
    /// <param name="options">The options; a copy is taken, so later changes have no effect. Defaults apply when <see langword="null"/>.</param>
    /// <param name="logger">A logger for warnings and diagnostics.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public CompressingChatClient(IChatClient innerClient, SqueezeOptions? options = null, ILogger? logger = null)
        : base(innerClient)
    {
        Options = options?.Clone() ?? new SqueezeOptions();
        Options.Validate();
        _logger = logger ?? NullLogger.Instance;
        _methods = new Lazy<SegmentMethods>(CreateMethods, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Gets the options in effect.</summary>
    public SqueezeOptions Options { get; }

    /// <summary>Gets the report of the most recent compression, or <see langword="null"/> before the first.</summary>
    public CompressionReport? LastReport => _lastReport;

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        (IEnumerable<ChatMessage> prepared, CompressionReport? report) = await PrepareAsync(messages, options, cancellationToken).ConfigureAwait(false);
        ChatResponse response = await base.GetResponseAsync(prepared, options, cancellationToken).ConfigureAwait(false);
        if (report is not null)
        {
            (response.AdditionalProperties ??= [])[ReportKey] = report;
        }

        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        (IEnumerable<ChatMessage> prepared, _) = await PrepareAsync(messages, options, cancellationToken).ConfigureAwait(false);
        await foreach (ChatResponseUpdate update in base.GetStreamingResponseAsync(prepared, options, cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }

    /// <summary>Compresses <paramref name="messages"/> with the configured options, as <c>UseChatReducer</c> expects.</summary>
    /// <param name="messages">The conversation.</param>
    /// <param name="cancellationToken">A token to cancel compression.</param>
    /// <returns>The compressed conversation (or the original one when compression failed open).</returns>
    public async Task<IEnumerable<ChatMessage>> ReduceAsync(IEnumerable<ChatMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        (IEnumerable<ChatMessage> prepared, _) = await PrepareAsync(messages, null, cancellationToken).ConfigureAwait(false);
        return prepared;
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? base.GetService(serviceType, serviceKey)
            : serviceType == typeof(SqueezeOptions) ? Options
            : serviceType == typeof(CompressionReport) ? _lastReport
            : base.GetService(serviceType, serviceKey);
    }

    private async Task<(IEnumerable<ChatMessage> Messages, CompressionReport? Report)> PrepareAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? chatOptions, CancellationToken cancellationToken)
    {
        using Activity? activity = SqueezeTelemetry.ActivitySource.StartActivity("squeeze.compress");
        long started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (Options.Timeout != Timeout.InfiniteTimeSpan)
        {
            timeout.CancelAfter(Options.Timeout);
        }

        try
        {
            RequestOverrides overrides = RequestOverrides.From(chatOptions);
            if (overrides.Disabled)
            {
                return (messages, null);
            }

            IReadOnlyList<ChatMessage> list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
            ITokenCounter counter = SelectCounter(chatOptions);
            CompressionBudget budget = overrides.Budget ?? Options.GetBudget();
            // Run off the caller's thread and stop waiting at the time limit, even if a scorer ignores cancellation.
            Task<(IReadOnlyList<ChatMessage>, CompressionReport)> work = Task.Run(() => CompressAsync(list, counter, budget, overrides.Query, timeout.Token), timeout.Token);
            (IReadOnlyList<ChatMessage> compressed, CompressionReport report) = Options.Timeout == Timeout.InfiniteTimeSpan
                ? await work.ConfigureAwait(false)
                : await work.WaitAsync(Options.Timeout, cancellationToken).ConfigureAwait(false);
            Record(report, activity);
            return (compressed, report);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            string reason = ex is OperationCanceledException or TimeoutException ? $"timed out after {Options.Timeout}" : ex.Message;
            activity?.SetStatus(ActivityStatusCode.Error, reason);
            SqueezeTelemetry.Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
            if (Options.FailureMode == FailureMode.FailClosed)
            {
                SqueezeTelemetry.Failures.Add(1, new("error.type", ex.GetType().Name), new("squeeze.outcome", "thrown"));
                Log.FailedClosed(_logger, reason, ex);
                throw ex as SqueezeException ?? new SqueezeException($"Squeeze could not compress the request: {reason}", ex);
            }

            SqueezeTelemetry.Failures.Add(1, new("error.type", ex.GetType().Name), new("squeeze.outcome", "passthrough"));
            Log.PassedThrough(_logger, reason, ex);
            return (messages, null);
        }
    }

    private async Task<(IReadOnlyList<ChatMessage>, CompressionReport)> CompressAsync(
        IReadOnlyList<ChatMessage> messages, ITokenCounter counter, CompressionBudget budget, string? query, CancellationToken cancellationToken)
    {
        long characters = 0;
        foreach (ChatMessage message in messages)
        {
            ArgumentNullException.ThrowIfNull(message, nameof(messages));
            characters += message.Text.Length;
        }

        if (characters > Options.MaxInputCharacters)
        {
            throw new SqueezeException($"The request has {characters} characters of text, more than MaxInputCharacters ({Options.MaxInputCharacters}).");
        }

        SegmentedConversation conversation = ChatSegmenter.Segment(messages, Options);
        CompressionPipeline pipeline = _pipelines.GetOrAdd(counter, c => new CompressionPipeline(c, Options, _methods.Value));
        CompressionResult result = await pipeline.CompressAsync(conversation.Segments, query ?? conversation.Query, budget, cancellationToken).ConfigureAwait(false);
        if (result.Report.TokensAfter == result.Report.TokensBefore && result.Report.TokensBefore <= result.Report.Budget)
        {
            return (messages, result.Report);
        }

        List<ChatMessage> assembled = MessageAssembler.Assemble(messages, conversation.Segments, result.Texts);
        int sent = CountSent(assembled, counter);
        if (sent > result.Report.Budget)
        {
            // Joining segments of one text can merge tokens differently; compress again with the difference taken off.
            int tighter = result.Report.Budget - (sent - result.Report.TokensAfter) - 1;
            if (tighter < 1)
            {
                throw new SqueezeException($"The compressed request has {sent} tokens, over the budget of {result.Report.Budget}.");
            }

            result = await pipeline.CompressAsync(conversation.Segments, query ?? conversation.Query, CompressionBudget.FromTokens(tighter), cancellationToken).ConfigureAwait(false);
            assembled = MessageAssembler.Assemble(messages, conversation.Segments, result.Texts);
            sent = CountSent(assembled, counter);
            if (sent > result.Report.Budget + (sent - result.Report.TokensAfter))
            {
                throw new SqueezeException($"The compressed request has {sent} tokens, over the budget.");
            }
        }

        return (assembled, result.Report);
    }

    private static int CountSent(IReadOnlyList<ChatMessage> messages, ITokenCounter counter)
    {
        int total = 0;
        foreach (ChatMessage message in messages)
        {
            foreach (AIContent content in message.Contents)
            {
                total += content switch
                {
                    TextContent text => counter.CountTokens(text.Text),
                    FunctionResultContent result => counter.CountTokens(ChatSegmenter.ToolResultText(result)),
                    _ => 0,
                };
            }
        }

        return total;
    }

    private ITokenCounter SelectCounter(ChatOptions? chatOptions)
    {
        if (Options.Tokenizer is not null)
        {
            return _customCounter ??= new TokenizerTokenCounter(Options.Tokenizer, "custom");
        }

        string? modelId = chatOptions?.ModelId ?? InnerClient.GetService<ChatClientMetadata>()?.DefaultModelId;
        return TargetTokenizers.TryForModel(modelId) ?? TargetTokenizers.ForEncoding(Options.TargetEncoding);
    }

    private SegmentMethods CreateMethods()
    {
        ITokenScorer? scorer = BuiltInScorer.Resolve(Options, out SqueezeException? error);
        if (error is not null)
        {
            Log.BuiltInModelUnavailable(_logger, error);
        }

        return SegmentMethods.Create(scorer, Options.EmbeddingGenerator, Options.CodeUseClassifier);
    }

    private void Record(CompressionReport report, Activity? activity)
    {
        _lastReport = report;
        SqueezeTelemetry.InputTokens.Record(report.TokensBefore);
        SqueezeTelemetry.OutputTokens.Record(report.TokensAfter);
        SqueezeTelemetry.Ratio.Record(report.Ratio);
        SqueezeTelemetry.Duration.Record(report.Elapsed.TotalSeconds);
        activity?.SetTag("squeeze.tokens.input", report.TokensBefore);
        activity?.SetTag("squeeze.tokens.output", report.TokensAfter);
        activity?.SetTag("squeeze.budget", report.Budget);
        activity?.SetTag("squeeze.tokenizer", report.Tokenizer);
        Log.Compressed(_logger, report.TokensBefore, report.TokensAfter, report.Budget, report.Tokenizer, report.Elapsed.TotalMilliseconds);
    }

}
