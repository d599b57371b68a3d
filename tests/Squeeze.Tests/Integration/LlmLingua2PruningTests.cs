using System.Text.Json;
using Squeeze.Scoring;
using Squeeze.TokenPruning;

namespace Squeeze.Integration;

/// <summary>LLMLingua-2: the token-classifier scorer (tests/fixtures/models/tiny-bert-classifier) driving <see cref="LlmLingua2Compressor"/>.</summary>
public sealed class LlmLingua2PruningTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "fixtures", "models", "tiny-bert-classifier");
    private static readonly ITokenCounter _o200k = TargetTokenizers.ForEncoding("o200k_base");

    public static TheoryData<int> Cases() => [0, 1, 2, 3, 5, 6];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Compress_KeepsTheWordsTheClassifierRatesHighest_WithinBudget(int index)
    {
        using OnnxTokenClassifierScorer scorer = OnnxTokenClassifierScorer.Load(Folder);
        using JsonDocument reference = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(Folder, "reference.json"), TestContext.Current.CancellationToken));
        string text = reference.RootElement.GetProperty("cases")[index].GetProperty("text").GetString()!;
        var options = new TokenPruningOptions { ForceKeepDigits = false, ForceKeepNewlines = false, ForceKeepQuestionMarks = false };
        int budget = _o200k.CountTokens(text) / 2;

        CompressedText result = await new LlmLingua2Compressor(scorer, options).CompressAsync(new SegmentCompressionRequest(text, budget, _o200k), TestContext.Current.CancellationToken);

        Assert.Equal("tokens-llmlingua2", result.Method);
        Assert.InRange(_o200k.CountTokens(result.Text), 1, budget);
        SubsequenceAssert.IsOrderedSubsequence(text, result.Text, []);
        TokenScores scores = (await scorer.ScoreAsync([new ScoringInput(text)], TestContext.Current.CancellationToken))[0];
        double kept = 0, dropped = 0;
        int keptCount = 0, droppedCount = 0;
        for (int t = 0; t < scores.Count; t++)
        {
            TextSpan span = scores.Spans.Span[t];
            bool inside = result.KeptSpans.Any(k => k.Start <= span.Start && span.End <= k.End);
            if (inside)
            {
                kept += scores.Surprisal.Span[t];
                keptCount++;
            }
            else
            {
                dropped += scores.Surprisal.Span[t];
                droppedCount++;
            }
        }

        Assert.True(keptCount > 0 && droppedCount > 0);
        Assert.True(kept / keptCount > dropped / droppedCount, $"kept words average {kept / keptCount:F3}, dropped {dropped / droppedCount:F3}");
    }
}
