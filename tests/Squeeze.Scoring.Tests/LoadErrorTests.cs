namespace Squeeze.Scoring;

public sealed class LoadErrorTests
{
    [Fact]
    public void Load_MissingFolder_NamesTheFolder()
    {
        string path = Path.Combine(Path.GetTempPath(), "squeeze-no-such-model-" + Guid.NewGuid().ToString("N"));
        ScorerException ex = Assert.Throws<ScorerException>(() => OnnxTokenScorer.Load(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingTokenizerJson_NamesTheFile()
    {
        string dir = TestModels.CopyTinyLlama();
        File.Delete(Path.Combine(dir, "tokenizer.json"));
        ScorerException ex = Assert.Throws<ScorerException>(() => OnnxTokenScorer.Load(dir));
        Assert.Equal(Path.Combine(dir, "tokenizer.json"), ex.FilePath);
        Assert.Contains("tokenizer.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TruncatedConfigJson_NamesTheFileAndJsonError()
    {
        string dir = TestModels.CopyTinyLlama();
        string config = Path.Combine(dir, "config.json");
        File.WriteAllText(config, File.ReadAllText(config)[..40]);
        ScorerException ex = Assert.Throws<ScorerException>(() => OnnxTokenScorer.Load(dir));
        Assert.Contains(config, ex.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CorruptTokenizerJson_NamesTheFile()
    {
        string dir = TestModels.CopyTinyLlama();
        string tokenizer = Path.Combine(dir, "tokenizer.json");
        File.WriteAllText(tokenizer, "{\"model\": {\"type\": \"BPE\", \"vocab\": {}}}");
        ScorerException ex = Assert.Throws<ScorerException>(() => OnnxTokenScorer.Load(dir));
        Assert.Contains(tokenizer, ex.Message, StringComparison.Ordinal);
        Assert.Contains("empty model.vocab", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CorruptOnnxBytes_NamesTheGraph()
    {
        string dir = TestModels.CopyTinyLlama();
        string graph = Path.Combine(dir, "surprisal.onnx");
        File.WriteAllBytes(graph, [0x08, 0x07, 0xFF, 0xFF, 0x13, 0x37, 0x00, 0x42]);
        ScorerException ex = Assert.Throws<ScorerException>(() => OnnxTokenScorer.Load(dir));
        Assert.Equal(graph, ex.FilePath);
        Assert.Contains("not a loadable ONNX graph", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingGraph_NamesTheGraph()
    {
        string dir = TestModels.CopyTinyLlama();
        File.Delete(Path.Combine(dir, "surprisal.onnx"));
        ScorerException ex = Assert.Throws<ScorerException>(() => OnnxTokenScorer.Load(dir));
        Assert.Contains("surprisal.onnx", ex.Message, StringComparison.Ordinal);
        Assert.Contains("missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_GraphWithoutInputIds_NamesTheMissingInput()
    {
        string dir = TestModels.CopyTinyLlama();
        File.WriteAllBytes(Path.Combine(dir, "odd.onnx"), TinyOnnx.Identity("x", "logits"));
        ScorerException ex = Assert.Throws<ScorerException>(() => OnnxTokenScorer.Load(dir, new OnnxScorerOptions { GraphFile = "odd.onnx" }));
        Assert.Contains("odd.onnx", ex.Message, StringComparison.Ordinal);
        Assert.Contains("input_ids", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_GraphWithoutScoreOutput_NamesTheExpectedOutputs()
    {
        string dir = TestModels.CopyTinyLlama();
        File.WriteAllBytes(Path.Combine(dir, "odd.onnx"), TinyOnnx.Identity("input_ids", "y"));
        ScorerException ex = Assert.Throws<ScorerException>(() => OnnxTokenScorer.Load(dir, new OnnxScorerOptions { GraphFile = "odd.onnx" }));
        Assert.Contains("odd.onnx", ex.Message, StringComparison.Ordinal);
        Assert.Contains("neither a \"surprisal\" nor a \"logits\" output", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateSession_IncrementalGraphWithoutCache_NamesTheGraph()
    {
        using OnnxTokenScorer scorer = OnnxTokenScorer.Load(TestModels.TinyLlama, new OnnxScorerOptions { IncrementalGraphFile = "surprisal.onnx" });
        ScorerException ex = Assert.Throws<ScorerException>(() => scorer.CreateSession());
        Assert.Contains("surprisal.onnx", ex.Message, StringComparison.Ordinal);
        Assert.Contains("past_key_values", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TokenizerLargerThanGraphVocabulary_ReportsMismatch()
    {
        string dir = TestModels.CopyTinyLlama();
        string squeeze = Path.Combine(dir, "squeeze.json");
        File.WriteAllText(squeeze, File.ReadAllText(squeeze).Replace("\"vocab_size\": 8192", "\"vocab_size\": 4096", StringComparison.Ordinal));
        ScorerException ex = Assert.Throws<ScorerException>(() => OnnxTokenScorer.Load(dir));
        Assert.Contains("tokenizer.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("8192 tokens, more than the 4096", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownSqueezeFormat_NamesTheFile()
    {
        string dir = TestModels.CopyTinyLlama();
        string squeeze = Path.Combine(dir, "squeeze.json");
        File.WriteAllText(squeeze, File.ReadAllText(squeeze).Replace("squeeze-surprisal/1", "other/9", StringComparison.Ordinal));
        ScorerException ex = Assert.Throws<ScorerException>(() => OnnxTokenScorer.Load(dir));
        Assert.Contains(squeeze, ex.Message, StringComparison.Ordinal);
        Assert.Contains("other/9", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("windows", "../outside.onnx")]
    [InlineData("windows", "/dev/zero")]
    [InlineData("incremental", "/dev/zero")]
    [InlineData("incremental", "sub/../../outside.onnx")]
    public void Load_SqueezeJsonGraphOutsideTheFolder_IsRefusedNamingThePath(string graph, string path)
    {
        string dir = TestModels.CopyTinyLlama();
        string squeeze = Path.Combine(dir, "squeeze.json");
        string original = graph == "windows" ? "\"windows\": \"surprisal.onnx\"" : "\"incremental\": \"surprisal-kv.onnx\"";
        File.WriteAllText(squeeze, File.ReadAllText(squeeze).Replace(original, $"\"{graph}\": \"{path}\"", StringComparison.Ordinal));
        ScorerException ex = Assert.Throws<ScorerException>(() => OnnxTokenScorer.Load(dir));
        Assert.Contains(squeeze, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"\"{path}\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("outside the model folder", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-5, "negative token id -5")]
    [InlineData(int.MaxValue, "token id 2147483647")]
    public void Load_TokenIdOutOfRange_NamesTheIdBeforeAllocating(int id, string expected)
    {
        string dir = TestModels.CopyTinyLlama();
        string tokenizer = Path.Combine(dir, "tokenizer.json");
        System.Text.Json.Nodes.JsonNode json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(tokenizer))!;
        json["model"]!["vocab"]!["a"] = id;
        File.WriteAllText(tokenizer, json.ToJsonString());

        ScorerException ex = Assert.Throws<ScorerException>(() => OnnxTokenScorer.Load(dir));

        Assert.Equal(tokenizer, ex.FilePath);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreAsync_CatastrophicPreTokenizerPattern_TimesOutAsScorerException()
    {
        string dir = TestModels.CopyTinyLlama();
        string tokenizer = Path.Combine(dir, "tokenizer.json");
        System.Text.Json.Nodes.JsonNode json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(tokenizer))!;
        json["pre_tokenizer"] = System.Text.Json.Nodes.JsonNode.Parse(
            """{"type": "Sequence", "pretokenizers": [{"type": "Split", "pattern": {"Regex": "(a+)+$"}, "behavior": "Isolated"}, {"type": "ByteLevel", "use_regex": false}]}""");
        File.WriteAllText(tokenizer, json.ToJsonString());
        using OnnxTokenScorer scorer = OnnxTokenScorer.Load(dir);

        ScorerException ex = await Assert.ThrowsAsync<ScorerException>(() => scorer.ScoreAsync([new ScoringInput(new string('a', 40) + "!")], TestContext.Current.CancellationToken));

        Assert.IsType<System.Text.RegularExpressions.RegexMatchTimeoutException>(ex.InnerException);
        Assert.Contains("(a+)+$", ex.Message, StringComparison.Ordinal);
        Assert.Contains("tokenizer.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CudaOnCpuOnlyPackage_ThrowsNamingProviderAndPackage()
    {
        ScorerException ex = Assert.Throws<ScorerException>(() => OnnxTokenScorer.Load(TestModels.TinyLlama, new OnnxScorerOptions { ExecutionProvider = "cuda" }));
        Assert.Contains("'cuda'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("lacks it", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Microsoft.ML.OnnxRuntime.Gpu", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreAsync_InputOverMaxInputTokens_ThrowsNamingTheLimit()
    {
        using OnnxTokenScorer scorer = OnnxTokenScorer.Load(TestModels.TinyLlama, new OnnxScorerOptions { MaxInputTokens = 10 });
        ScorerException ex = await Assert.ThrowsAsync<ScorerException>(() => scorer.ScoreAsync([new ScoringInput("short"), new ScoringInput("one two three four five six seven eight nine ten eleven")], TestContext.Current.CancellationToken));
        Assert.Contains("Input 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxInputTokens = 10", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateBuiltIn_WhenDeployed_LoadsOrNamesTheMissingFolder()
    {
        if (BuiltInModel.IsAvailable)
        {
            using OnnxTokenScorer scorer = OnnxTokenScorer.CreateBuiltIn();
            Assert.Equal("onnx:squeeze-mini", scorer.Name);
        }
        else
        {
            ScorerException ex = Assert.Throws<ScorerException>(() => OnnxTokenScorer.CreateBuiltIn());
            Assert.Contains(Path.Combine("models", "squeeze-mini"), ex.Message, StringComparison.Ordinal);
        }
    }
}
