using System.Text.Json;

namespace Squeeze.Scoring;

/// <summary>Tests of the shipped squeeze-mini model; they run once models/squeeze-mini is deployed (it is copied to the output by Squeeze.Scoring.csproj).</summary>
public sealed class BuiltInModelTests
{
    private static readonly Lazy<OnnxTokenScorer> _scorer = new(() => OnnxTokenScorer.CreateBuiltIn());

    private static string ReferencePath => Path.Combine(TestModels.Fixtures, "squeeze-mini-reference.json");

    [Fact]
    public async Task BuiltInModel_MatchesPyTorchReference()
    {
        Assert.SkipUnless(BuiltInModel.IsAvailable && File.Exists(ReferencePath), "models/squeeze-mini or tests/fixtures/models/squeeze-mini-reference.json is not deployed yet.");
        OnnxTokenScorer scorer = _scorer.Value;
        JsonElement reference = TestModels.Json(ReferencePath);
        List<JsonElement> cases = [.. reference.GetProperty("cases").EnumerateArray()];
        IReadOnlyList<TokenScores> scores = await scorer.ScoreAsync([.. cases.Select(c => new ScoringInput(c.GetProperty("text").GetString()!))], TestContext.Current.CancellationToken);
        for (int i = 0; i < cases.Count; i++)
        {
            int[] ids = TestModels.Ints(cases[i].GetProperty("ids"));
            Assert.Equal(ids[1..], scores[i].TokenIds.ToArray());
            int n = Math.Min(ids.Length, scorer.WindowSize) - 1;
            TestModels.AssertClose(TestModels.Floats(cases[i].GetProperty("surprisal")).AsSpan(1, n), scores[i].Surprisal.Span[..n], 1e-3f, $"squeeze-mini case {i}");
            if (cases[i].TryGetProperty("surprisal_windows512", out JsonElement windowed))
            {
                var actual = new float[ids.Length];
                var rows = new List<ScoreRow>();
                for (int s = 0; s < ids.Length; s += 512)
                {
                    rows.Add(new ScoreRow(ids, s, Math.Min(512, ids.Length - s), 1, actual, s + 1));
                }

                ((IRowScorer)scorer).RunRows(rows, TestContext.Current.CancellationToken);
                TestModels.AssertClose(TestModels.Floats(windowed), actual, 1e-3f, $"squeeze-mini case {i} windows");
            }
        }

        foreach (JsonElement c in reference.GetProperty("conditional").EnumerateArray())
        {
            TokenScores conditional = (await scorer.ScoreAsync([new ScoringInput(c.GetProperty("continuation").GetString()!, c.GetProperty("prefix").GetString())], TestContext.Current.CancellationToken))[0];
            TestModels.AssertClose(TestModels.Floats(c.GetProperty("continuation_surprisal")), conditional.Surprisal.Span, 1e-3f, "squeeze-mini conditional");
        }
    }

    [Fact]
    public async Task BuiltInModel_FunctionWordsAndRepeatsAreLessSurprisingThanNamesAndNumbers()
    {
        Assert.SkipUnless(BuiltInModel.IsAvailable, "models/squeeze-mini is not deployed yet.");
        string text = File.ReadAllText(Path.Combine(TestModels.Fixtures, "sanity-paragraph.txt"));
        TokenScores scores = (await _scorer.Value.ScoreAsync([new ScoringInput(text)], TestContext.Current.CancellationToken))[0];
        (List<float> function, List<float> repeated, List<float> rare) = SanityGroups(text, scores);
        Assert.True(function.Count > 20 && repeated.Count > 20 && rare.Count > 10, $"{function.Count} function, {repeated.Count} repeated, {rare.Count} rare tokens");
        double rareMean = rare.Average();
        Assert.True(function.Average() < rareMean, $"function words {function.Average():F2} nats vs names and numbers {rareMean:F2}");
        Assert.True(repeated.Average() < rareMean, $"repeated phrases {repeated.Average():F2} nats vs names and numbers {rareMean:F2}");
    }

    [Fact]
    public async Task BuiltInModel_IncrementalSessionMatchesFullRescoring()
    {
        Assert.SkipUnless(BuiltInModel.IsAvailable, "models/squeeze-mini is not deployed yet.");
        string text = File.ReadAllText(Path.Combine(TestModels.Fixtures, "sanity-paragraph.txt"));
        int cut = text.IndexOf(" In the first year", StringComparison.Ordinal);
        using IScoringSession session = _scorer.Value.CreateSession();
        TokenScores a = await session.AppendAsync(text[..cut], TestContext.Current.CancellationToken);
        TokenScores b = await session.AppendAsync(text[cut..], TestContext.Current.CancellationToken);
        TokenScores full = (await _scorer.Value.ScoreAsync([new ScoringInput(text)], TestContext.Current.CancellationToken))[0];
        Assert.Equal(full.Count, a.Count + b.Count);
        TestModels.AssertClose(full.Surprisal.Span, [.. a.Surprisal.ToArray(), .. b.Surprisal.ToArray()], 1e-3f, "squeeze-mini session");
    }

    [Fact]
    public async Task SanityGroups_FindEnoughTokensInEachGroup()
    {
        // The groups depend only on the tokenizer, which the tiny fixture model shares with squeeze-mini.
        string text = File.ReadAllText(Path.Combine(TestModels.Fixtures, "sanity-paragraph.txt"));
        TokenScores scores = (await TestModels.Surprisal.ScoreAsync([new ScoringInput(text)], TestContext.Current.CancellationToken))[0];
        (List<float> function, List<float> repeated, List<float> rare) = SanityGroups(text, scores);
        Assert.InRange(function.Count, 40, 200);
        Assert.InRange(repeated.Count, 20, 200);
        Assert.InRange(rare.Count, 15, 100);
    }

    /// <summary>Surprisal of function-word tokens, of tokens that end a 4-token sequence seen before, and of tokens inside rare names or numbers.</summary>
    internal static (List<float> Function, List<float> Repeated, List<float> Rare) SanityGroups(string text, TokenScores scores)
    {
        string[] functionWords = ["the", "of", "and", "a", "to", "in", "is", "was", "that", "for", "who", "but", "had", "as", "than"];
        var rareRanges = new List<TextSpan>();
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(text, @"Valtonen|Kuusamo|Okonkwo|Adebayo-Lindqvist|Ingrid|\d[\d,.]*\d|\d"))
        {
            rareRanges.Add(new TextSpan(m.Index, m.Length));
        }

        var function = new List<float>();
        var repeated = new List<float>();
        var rare = new List<float>();
        var seen = new HashSet<(int, int, int, int)>();
        int[] ids = scores.TokenIds.ToArray();
        for (int i = 0; i < scores.Count; i++)
        {
            TextSpan span = scores.Spans.Span[i];
            string token = text.Substring(span.Start, span.Length).Trim();
            float s = scores.Surprisal.Span[i];
            if (Array.Exists(functionWords, w => w.Equals(token, StringComparison.OrdinalIgnoreCase)))
            {
                function.Add(s);
            }

            if (rareRanges.Exists(r => span.Start < r.End && r.Start < span.End && token.Length > 0))
            {
                rare.Add(s);
            }

            if (i >= 3 && !seen.Add((ids[i - 3], ids[i - 2], ids[i - 1], ids[i])))
            {
                repeated.Add(s);
            }
        }

        return (function, repeated, rare);
    }
}
