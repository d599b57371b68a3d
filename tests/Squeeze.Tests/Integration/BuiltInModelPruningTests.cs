using System.Text.Json;
using System.Text.RegularExpressions;
using Squeeze.Scoring;
using Squeeze.TokenPruning;

namespace Squeeze.Integration;

/// <summary>Token pruning with the built-in squeeze-mini model on real paragraphs (tests/fixtures/qa, made by tools/fixtures/make_qa_pairs.py).</summary>
public sealed partial class BuiltInModelPruningTests
{
    private static readonly string[] _functionWords = ["the", "of", "and", "a", "to", "in", "is", "was", "for", "on", "that", "with", "as", "by", "it", "at", "from", "be", "this", "are", "or", "an", "which"];
    private static readonly ITokenCounter _o200k = TargetTokenizers.ForEncoding("o200k_base");
    private static readonly Lazy<OnnxTokenScorer> _scorer = new(() => OnnxTokenScorer.CreateBuiltIn());

    [Fact]
    public async Task LongLlmLingua_At4x_KeepsNumbersNamesAndQuestionEntitiesMoreOftenThanFunctionWords()
    {
        var compressor = new LongLlmLinguaCompressor(_scorer.Value);
        var entities = new SurvivalCount();
        var function = new SurvivalCount();
        int pairs = 0;
        foreach (string line in await File.ReadAllLinesAsync(Path.Combine(AppContext.BaseDirectory, "fixtures", "qa", "paragraph-questions.jsonl")))
        {
            using JsonDocument json = JsonDocument.Parse(line);
            string paragraph = json.RootElement.GetProperty("paragraph").GetString()!;
            string question = json.RootElement.GetProperty("question").GetString()!;
            HashSet<string> entityWords = [.. json.RootElement.GetProperty("entities").EnumerateArray().Select(e => e.GetString()!)];
            int budget = _o200k.CountTokens(paragraph) / 4;

            CompressedText result = await compressor.CompressAsync(new SegmentCompressionRequest(paragraph, budget, _o200k) { Query = question });

            Assert.True(_o200k.CountTokens(result.Text) <= budget);
            Dictionary<string, int> kept = CountWords(result.Text);
            foreach ((string word, int count) in CountWords(paragraph))
            {
                int survived = Math.Min(count, kept.GetValueOrDefault(word));
                if (entityWords.Contains(word))
                {
                    entities.Add(count, survived);
                }
                else if (Array.IndexOf(_functionWords, word.ToLowerInvariant()) >= 0)
                {
                    function.Add(count, survived);
                }
            }

            pairs++;
        }

        Assert.True(pairs >= 50, $"only {pairs} pairs in the fixture");
        Assert.True(entities.Total >= 100 && function.Total >= 500, $"too few words: {entities.Total} entities, {function.Total} function words");
        Assert.True(
            entities.Rate > function.Rate + 0.2,
            $"entities survived {entities.Rate:P1} of {entities.Total}, function words {function.Rate:P1} of {function.Total}");
    }

    private static Dictionary<string, int> CountWords(string text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match match in WordPattern().Matches(text))
        {
            counts[match.Value] = counts.GetValueOrDefault(match.Value) + 1;
        }

        return counts;
    }

    [GeneratedRegex(@"[A-Za-z][A-Za-z'-]+|\d[\d,.]*\d|\d|[A-Za-z]")]
    private static partial Regex WordPattern();

    private sealed class SurvivalCount
    {
        public int Total { get; private set; }

        public int Survived { get; private set; }

        public double Rate => Total == 0 ? 0 : (double)Survived / Total;

        public void Add(int total, int survived)
        {
            Total += total;
            Survived += survived;
        }
    }
}
