using System.Text.Json;

namespace Squeeze.Scoring;

/// <summary>
/// The LLMLingua-2 style classifier scorer against tests/fixtures/models/tiny-bert-classifier: a random-weight BertForTokenClassification,
/// its WordPiece vocabulary, and reference ids, offsets and keep probabilities from Hugging Face and PyTorch (training/make_classifier_fixture.py).
/// </summary>
public sealed class OnnxTokenClassifierScorerTests
{
    private static readonly string Folder = Path.Combine(TestModels.Fixtures, "tiny-bert-classifier");
    private static readonly Lazy<OnnxTokenClassifierScorer> _scorer = new(() => OnnxTokenClassifierScorer.Load(Folder));
    private static readonly Lazy<JsonElement> _reference = new(() => TestModels.Json(Path.Combine(Folder, "reference.json")));

    public static TheoryData<int> Cases() => [.. Enumerable.Range(0, _reference.Value.GetProperty("cases").GetArrayLength())];

    private static JsonElement Case(int index) => _reference.Value.GetProperty("cases")[index];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Encode_MatchesHuggingFaceIdsAndOffsets(int index)
    {
        JsonElement c = Case(index);
        string text = c.GetProperty("text").GetString()!;
        int[] expected = TestModels.Ints(c.GetProperty("ids"));
        TokenScores scores = (await _scorer.Value.ScoreAsync([new ScoringInput(text)], TestContext.Current.CancellationToken))[0];

        Assert.Equal(expected[1..^1], scores.TokenIds.ToArray());
        int[] utf16 = Utf16Index(text);
        JsonElement offsets = c.GetProperty("offsets");
        for (int t = 0; t < scores.Count; t++)
        {
            JsonElement pair = offsets[t + 1];
            var span = TextSpan.FromBounds(utf16[pair[0].GetInt32()], utf16[pair[1].GetInt32()]);
            Assert.Equal(span, scores.Spans.Span[t]);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Score_KeepProbabilities_MatchPyTorchAveragedOverWords(int index)
    {
        JsonElement c = Case(index);
        if (!c.TryGetProperty("keep_probability", out JsonElement probabilities))
        {
            return; // longer than the model's positions: covered by Score_LongText_IsCutIntoWindowsAtWordStarts
        }

        float[] reference = TestModels.Floats(probabilities)[1..^1];
        int[] words = TestModels.Ints(c.GetProperty("word_ids"))[1..^1];
        var expected = new float[reference.Length];
        for (int t = 0; t < reference.Length; t++)
        {
            expected[t] = (float)Enumerable.Range(0, reference.Length).Where(u => words[u] == words[t]).Average(u => reference[u]);
        }

        TokenScores scores = (await _scorer.Value.ScoreAsync([new ScoringInput(c.GetProperty("text").GetString()!)], TestContext.Current.CancellationToken))[0];

        TestModels.AssertClose(expected, scores.Surprisal.Span, 1e-4f, "keep probability");
        Assert.Contains(scores.Surprisal.ToArray(), p => p < 0.3f);
        Assert.Contains(scores.Surprisal.ToArray(), p => p > 0.7f);
    }

    [Fact]
    public async Task Score_LongText_IsCutIntoWindowsAtWordStarts()
    {
        JsonElement c = Case(_reference.Value.GetProperty("cases").GetArrayLength() - 1);
        string text = c.GetProperty("text").GetString()!;
        int[] ids = TestModels.Ints(c.GetProperty("ids"));
        Assert.True(ids.Length > _scorer.Value.WindowSize, "the long case must span several windows");

        TokenScores scores = (await _scorer.Value.ScoreAsync([new ScoringInput(text)], TestContext.Current.CancellationToken))[0];

        Assert.Equal(ids.Length - 2, scores.Count);
        Assert.All(scores.Surprisal.ToArray(), p => Assert.InRange(p, 0f, 1f));

        // The first window holds whole words only: scoring exactly its words gives the same probabilities.
        int[] words = TestModels.Ints(c.GetProperty("word_ids"))[1..^1];
        int cut = _scorer.Value.WindowSize - 2;
        while (words[cut] == words[cut - 1])
        {
            cut--;
        }

        string head = text[..scores.Spans.Span[cut - 1].End];
        TokenScores alone = (await _scorer.Value.ScoreAsync([new ScoringInput(head)], TestContext.Current.CancellationToken))[0];
        Assert.Equal(cut, alone.Count);
        TestModels.AssertClose(alone.Surprisal.Span, scores.Surprisal.Span[..cut], 1e-5f, "first window");
    }

    [Fact]
    public async Task Score_IgnoresPrefix_AndBatchesIndependently()
    {
        string a = Case(0).GetProperty("text").GetString()!;
        string b = Case(1).GetProperty("text").GetString()!;
        IReadOnlyList<TokenScores> together = await _scorer.Value.ScoreAsync([new ScoringInput(a), new ScoringInput(b, "some prefix")], TestContext.Current.CancellationToken);
        TokenScores bAlone = (await _scorer.Value.ScoreAsync([new ScoringInput(b)], TestContext.Current.CancellationToken))[0];
        TestModels.AssertClose(bAlone.Surprisal.Span, together[1].Surprisal.Span, 1e-5f, "batched with padding, prefix ignored");
    }

    [Fact]
    public void Load_FolderWithoutVocabulary_NamesTheFile()
    {
        string copy = CopyFixture();
        File.Delete(Path.Combine(copy, "vocab.txt"));
        File.Delete(Path.Combine(copy, "tokenizer.json"));
        ScorerException ex = Assert.Throws<ScorerException>(() => OnnxTokenClassifierScorer.Load(copy));
        Assert.Contains("vocab.txt", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_TokenizerJsonWithoutVocabTxt_LoadsTheSameVocabulary()
    {
        string copy = CopyFixture();
        File.Delete(Path.Combine(copy, "vocab.txt"));
        using OnnxTokenClassifierScorer scorer = OnnxTokenClassifierScorer.Load(copy);
        string text = Case(0).GetProperty("text").GetString()!;
        TokenScores scores = (await scorer.ScoreAsync([new ScoringInput(text)], TestContext.Current.CancellationToken))[0];
        Assert.Equal(TestModels.Ints(Case(0).GetProperty("ids"))[1..^1], scores.TokenIds.ToArray());
    }

    [Fact]
    public void Load_CausalLanguageModelGraph_IsRejectedAsNotAClassifier()
    {
        string copy = CopyFixture();
        File.Copy(Path.Combine(TestModels.TinyLlama, "model.onnx"), Path.Combine(copy, "model.onnx"), overwrite: true);
        ScorerException ex = Assert.Throws<ScorerException>(() => OnnxTokenClassifierScorer.Load(copy));
        Assert.Contains("model.onnx", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CorruptGraph_NamesTheGraph()
    {
        string copy = CopyFixture();
        File.WriteAllBytes(Path.Combine(copy, "model.onnx"), [1, 2, 3, 4]);
        ScorerException ex = Assert.Throws<ScorerException>(() => OnnxTokenClassifierScorer.Load(copy));
        Assert.Contains("model.onnx", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not a loadable ONNX graph", ex.Message, StringComparison.Ordinal);
    }

    private static string CopyFixture()
    {
        string copy = Path.Combine(Path.GetTempPath(), "squeeze-classifier-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(copy);
        foreach (string file in Directory.GetFiles(Folder))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        return copy;
    }

    /// <summary>Python offsets count code points; maps each code point index (and the end) to a UTF-16 index.</summary>
    private static int[] Utf16Index(string text)
    {
        var map = new List<int>();
        for (int i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
        {
            map.Add(i);
        }

        map.Add(text.Length);
        return [.. map];
    }
}
