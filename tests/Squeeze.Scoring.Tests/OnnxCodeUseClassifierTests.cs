using System.Text.Json;

namespace Squeeze.Scoring;

/// <summary>
/// The code-use classifier against tests/fixtures/models/tiny-llama/code-use.onnx (the random-weight tiny Llama read as a classifier,
/// its shared weights in the fixture's surprisal.weights; training/make_code_use_fixture.py) and, once deployed, the built-in one.
/// </summary>
public sealed class OnnxCodeUseClassifierTests
{
    private static readonly Lazy<OnnxCodeUseClassifier> _tiny = new(() => OnnxCodeUseClassifier.Load(TestModels.TinyLlama));

    private static string BuiltInReferencePath => Path.Combine(TestModels.Fixtures, "squeeze-mini-code-use-reference.json");

    [Fact]
    public void ClassifyRows_MatchPyTorch()
    {
        JsonElement reference = TestModels.Json(Path.Combine(TestModels.TinyLlama, "code-use-reference.json"));
        int[][] rows = [.. reference.GetProperty("rows").EnumerateArray().Select(TestModels.Ints)];

        float[] logits = _tiny.Value.ClassifyRows(rows, TestContext.Current.CancellationToken);

        TestModels.AssertClose(TestModels.Floats(reference.GetProperty("logits")), logits, 1e-4f, "code-use logits");
    }

    [Fact]
    public async Task Classify_PaddedBatchesGiveTheLogitsOfSingleRows()
    {
        string[] units = ["def a():\n    return 1\n", "class Reader:\n    def read(self, path):\n        with open(path) as f:\n            return f.read()\n", "x = 2", "fn main() { println!(\"hi\"); }"];
        const string query = "Reads a file.\ndef load(path):";
        using OnnxCodeUseClassifier single = OnnxCodeUseClassifier.Load(TestModels.TinyLlama, new OnnxScorerOptions { MaxBatchSize = 1 });

        float[] batched = await _tiny.Value.ClassifyAsync(query, units, TestContext.Current.CancellationToken);
        float[] oneByOne = await single.ClassifyAsync(query, units, TestContext.Current.CancellationToken);

        TestModels.AssertClose(oneByOne, batched, 1e-4f, "batched vs one by one");
        Assert.True(batched.Distinct().Count() == units.Length, "different units should get different logits");
    }

    [Fact]
    public void BuildRow_TakesTheUnitsFirstTokensTheSeparatorAndTheQuerysFirstTokens()
    {
        int[] unit = [.. Enumerable.Range(1, OnnxCodeUseClassifier.MaxUnitTokens + 50)];
        int[] query = [.. Enumerable.Range(5000, OnnxCodeUseClassifier.MaxQueryTokens + 9)];

        int[] row = OnnxCodeUseClassifier.BuildRow(unit, query, separatorId: 0);

        Assert.Equal(OnnxCodeUseClassifier.MaxUnitTokens + 1 + OnnxCodeUseClassifier.MaxQueryTokens, row.Length);
        Assert.Equal(unit[..OnnxCodeUseClassifier.MaxUnitTokens], row[..OnnxCodeUseClassifier.MaxUnitTokens]);
        Assert.Equal(0, row[OnnxCodeUseClassifier.MaxUnitTokens]);
        Assert.Equal(query[..OnnxCodeUseClassifier.MaxQueryTokens], row[(OnnxCodeUseClassifier.MaxUnitTokens + 1)..]);
        Assert.Equal([7, 8, 0, 9], OnnxCodeUseClassifier.BuildRow([7, 8], [9], separatorId: 0));
    }

    [Fact]
    public async Task Classify_ReadsOnlyTheUnitsFirstCharacters()
    {
        string head = string.Concat(Enumerable.Repeat("total = total + value\n", 100))[..OnnxCodeUseClassifier.MaxUnitCharacters];
        float[] logits = await _tiny.Value.ClassifyAsync("Adds.", [head, head + "return something_else_entirely()\n"], TestContext.Current.CancellationToken);

        Assert.Equal(logits[0], logits[1]);
    }

    [Fact]
    public async Task Classify_EmptyUnitsAndQuery_OddUnicode_AndASurrogatePairAtTheCut_GiveFiniteLogits()
    {
        string pairAtCut = new string('x', OnnxCodeUseClassifier.MaxUnitCharacters - 1) + "\U0001F600 tail";
        string[] units = ["", "\uD800 lone high surrogate", "\uDC00\u0000\u202E rtl \uFEFF", pairAtCut, "\u0301\u0301 combining only"];

        float[] logits = await _tiny.Value.ClassifyAsync(string.Empty, units, TestContext.Current.CancellationToken);
        float[] withQuery = await _tiny.Value.ClassifyAsync("\uD83D odd query \u0000", units, TestContext.Current.CancellationToken);

        Assert.Equal(units.Length, logits.Length);
        Assert.All(logits.Concat(withQuery), l => Assert.True(float.IsFinite(l), $"logit {l}"));
    }

    [Fact]
    public async Task Classify_NoUnits_NullUnit_AndCancellation()
    {
        Assert.Empty(await _tiny.Value.ClassifyAsync("q", [], TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(() => _tiny.Value.ClassifyAsync("q", ["a", null!], TestContext.Current.CancellationToken));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _tiny.Value.ClassifyAsync("q", ["a"], new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Load_WithoutTheGraph_NamesTheMissingFile()
    {
        string folder = TestModels.CopyTinyLlama();
        File.Delete(Path.Combine(folder, OnnxCodeUseClassifier.DefaultGraphFile));

        ScorerException error = Assert.Throws<ScorerException>(() => OnnxCodeUseClassifier.Load(folder));

        Assert.Equal(Path.Combine(folder, OnnxCodeUseClassifier.DefaultGraphFile), error.FilePath);
        Assert.Contains("code-use graph", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AGraphWithoutALogit_OrACorruptOne_IsRejected()
    {
        ScorerException wrongGraph = Assert.Throws<ScorerException>(() => OnnxCodeUseClassifier.Load(TestModels.TinyLlama, new OnnxScorerOptions { GraphFile = "surprisal.onnx" }));
        Assert.Contains("\"logit\"", wrongGraph.Message, StringComparison.Ordinal);

        string folder = TestModels.CopyTinyLlama();
        File.WriteAllBytes(Path.Combine(folder, OnnxCodeUseClassifier.DefaultGraphFile), [1, 2, 3, 4]);
        ScorerException corrupt = Assert.Throws<ScorerException>(() => OnnxCodeUseClassifier.Load(folder));
        Assert.Contains("not a loadable ONNX graph", corrupt.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_ThenClassify_Throws()
    {
        OnnxCodeUseClassifier classifier = OnnxCodeUseClassifier.Load(TestModels.TinyLlama);
        classifier.Dispose();
        classifier.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => classifier.ClassifyAsync("q", ["a"], TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task BuiltIn_MatchesPyTorchReference()
    {
        Assert.SkipUnless(OnnxCodeUseClassifier.IsBuiltInAvailable && File.Exists(BuiltInReferencePath), "models/squeeze-mini/code-use.onnx or its reference is not deployed yet.");
        using OnnxCodeUseClassifier classifier = OnnxCodeUseClassifier.CreateBuiltIn();
        JsonElement[] cases = [.. TestModels.Json(BuiltInReferencePath).GetProperty("cases").EnumerateArray()];

        foreach (JsonElement c in cases)
        {
            float[] logit = await classifier.ClassifyAsync(c.GetProperty("query").GetString()!, [c.GetProperty("unit").GetString()!], TestContext.Current.CancellationToken);
            Assert.Equal(c.GetProperty("logit").GetSingle(), logit[0], 1e-3f);
        }
    }
}
