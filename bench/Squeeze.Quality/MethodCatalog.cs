using Squeeze.Code;
using Squeeze.Extractive;
using Squeeze.Pipeline;
using Squeeze.TokenPruning;

namespace Squeeze.Quality;

/// <summary>All methods of the sweep; the model-based ones only when a scorer is given, tokens-llmlingua2 only with a classifier.</summary>
internal static class MethodCatalog
{
    public static readonly string[] ModelFree = ["truncation", "random", "extractive-bm25", "tokens-unigram", "pipeline-auto"];

    /// <summary>The methods for code tasks (bench/tasks/code.jsonl.gz): pass them with --methods.</summary>
    public static readonly string[] Code = ["truncation", "random-blocks", "code-bm25", "code-longcodezip", "code-bm25-use", "code-longcodezip-use"];

    public static readonly string[] ModelBased = ["extractive-surprisal", "extractive-fused", "tokens-llmlingua", "tokens-longllmlingua", "selective-context", "pipeline-auto-model"];

    /// <summary>The LLMLingua-2 method, which needs a token classifier (--classifier) instead of the scorer.</summary>
    public const string LlmLingua2 = "tokens-llmlingua2";

    public static ICompressionMethod Create(string name, ITokenCounter counter, ITokenScorer? scorer, ITokenScorer? classifier = null, ICodeUseClassifier? codeUse = null) => name switch
    {
        "truncation" => new TruncationMethod(counter),
        "random" => new RandomSentencesMethod(counter),
        "random-blocks" => new RandomBlocksMethod(counter),
        "code-bm25" => new SegmentCompressorMethod(name, new CodeCompressor(), counter),
        "code-longcodezip" => new SegmentCompressorMethod(name, new CodeCompressor(Need(scorer, name)), counter),
        "code-bm25-use" => new SegmentCompressorMethod(name, new CodeCompressor(null, null, Need(codeUse, name)), counter),
        "code-longcodezip-use" => new SegmentCompressorMethod(name, new CodeCompressor(Need(scorer, name), null, Need(codeUse, name)), counter),
        "extractive-bm25" => new SegmentCompressorMethod(name, new ExtractiveCompressor(), counter),
        "tokens-unigram" => new SegmentCompressorMethod(name, new UnigramTokenPruner(), counter),
        "pipeline-auto" => new SegmentCompressorMethod(name, new CompressionPipeline(counter, new SqueezeOptions { Method = CompressionMethod.Auto, UseBuiltInModel = false }), counter),
        "extractive-surprisal" => new SegmentCompressorMethod(name, new ExtractiveCompressor(new SurprisalRelevanceScorer(Need(scorer, name))), counter),
        "extractive-fused" => new SegmentCompressorMethod(name, new ExtractiveCompressor(Need(scorer, name), null), counter),
        "tokens-llmlingua" => new SegmentCompressorMethod(name, new LlmLinguaCompressor(Need(scorer, name)), counter),
        "tokens-longllmlingua" => new LongLlmLinguaMethod(Need(scorer, name), counter),
        LlmLingua2 => new SegmentCompressorMethod(name, new LlmLingua2Compressor(classifier ?? throw new InvalidOperationException($"Method '{name}' needs a token classifier (--classifier DIR).")), counter),
        "selective-context" => new SelfInformationMethod(Need(scorer, name), counter),
        "pipeline-auto-model" => new SegmentCompressorMethod(name, new CompressionPipeline(counter, new SqueezeOptions { Method = CompressionMethod.Auto, Scorer = Need(scorer, name) }), counter),
        _ => throw new ArgumentException($"Unknown method '{name}'. Known: {string.Join(", ", ModelFree)}, {string.Join(", ", ModelBased)}, {LlmLingua2}.", nameof(name)),
    };

    public static bool NeedsModel(string name) => Array.IndexOf(ModelBased, name) >= 0 || name is "code-longcodezip" or "code-longcodezip-use";

    /// <summary>Whether the method ranks code with the model folder's code-use classifier.</summary>
    public static bool NeedsCodeUse(string name) => name.StartsWith("code-", StringComparison.Ordinal) && name.EndsWith("-use", StringComparison.Ordinal);

    private static ITokenScorer Need(ITokenScorer? scorer, string name) =>
        scorer ?? throw new InvalidOperationException($"Method '{name}' needs the squeeze-mini scorer (models/squeeze-mini/surprisal.onnx).");

    private static ICodeUseClassifier Need(ICodeUseClassifier? classifier, string name) =>
        classifier ?? throw new InvalidOperationException($"Method '{name}' needs the model folder's code-use classifier (models/squeeze-mini/code-use.onnx).");
}
