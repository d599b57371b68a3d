using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace Squeeze.Scoring.Gpu;

/// <summary>
/// The GPU forward pass, run on ILGPU's CPU accelerator (the same kernels as on CUDA but the matrix product, whose tiled form is
/// checked on its own in <see cref="TiledMatMulKernelTests"/>), against the tiny random-weight Llama fixture: PyTorch's reference
/// surprisal, and the ONNX Runtime scorer on the same folder. The CPU accelerator emulates GPU threads slowly, so inputs stay short.
/// </summary>
public sealed class GpuTokenScorerTests
{
    private const float Tolerance = 1e-3f;
    private static readonly Lazy<GpuTokenScorer> _scorer = new(() => GpuTokenScorer.Load(TestModels.TinyLlama, CpuOptions()));

    /// <summary>The reference cases of at most 120 tokens (the emulated kernels take about 20 ms a token).</summary>
    private static List<JsonElement> Cases => [.. TestModels.Reference.GetProperty("cases").EnumerateArray().Where(c => c.GetProperty("ids").GetArrayLength() <= 120)];

    private static string MediumText => Cases.OrderByDescending(c => c.GetProperty("ids").GetArrayLength()).First().GetProperty("text").GetString()!;

    private static GpuScorerOptions CpuOptions() => new() { Device = "cpu", MaxBatchTokens = 2048 };

    private static GpuScorerOptions SmallWindows() => new() { Device = "cpu", MaxBatchTokens = 2048, WindowSize = 48, MinLeftContext = 12 };

    [Fact]
    public async Task ScoreAsync_MatchesPyTorchReference()
    {
        List<JsonElement> cases = Cases;
        IReadOnlyList<TokenScores> scores = await _scorer.Value.ScoreAsync([.. cases.Select(c => new ScoringInput(c.GetProperty("text").GetString()!))], TestContext.Current.CancellationToken);
        for (int i = 0; i < cases.Count; i++)
        {
            int[] ids = TestModels.Ints(cases[i].GetProperty("ids"));
            float[] reference = TestModels.Floats(cases[i].GetProperty("surprisal"));
            Assert.Equal(ids[1..], scores[i].TokenIds.ToArray());
            int n = Math.Min(ids.Length, _scorer.Value.WindowSize) - 1;
            TestModels.AssertClose(reference.AsSpan(1, n), scores[i].Surprisal.Span[..n], Tolerance, $"case {i}");
        }
    }

    [Fact]
    public async Task ScoreAsync_WindowedAndConditionalInputs_AgreeWithOnnxScorer()
    {
        // Windows of 48 tokens overlapping by at least 12: a 120-token text spans several, batched together with the other inputs.
        using OnnxTokenScorer onnx = OnnxTokenScorer.Load(TestModels.TinyLlama, new OnnxScorerOptions { WindowSize = 48, MinLeftContext = 12 });
        using GpuTokenScorer gpu = GpuTokenScorer.Load(TestModels.TinyLlama, SmallWindows());
        JsonElement conditional = TestModels.Reference.GetProperty("conditional")[0];
        ScoringInput[] inputs =
        [
            new(MediumText),
            new(conditional.GetProperty("continuation").GetString()!, conditional.GetProperty("prefix").GetString()!),
            new(string.Empty),
        ];
        IReadOnlyList<TokenScores> expected = await onnx.ScoreAsync(inputs, TestContext.Current.CancellationToken);
        IReadOnlyList<TokenScores> actual = await gpu.ScoreAsync(inputs, TestContext.Current.CancellationToken);
        Assert.True(actual[0].Count > 2 * gpu.WindowSize, "the text must span several windows");
        for (int i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(expected[i].TokenIds.ToArray(), actual[i].TokenIds.ToArray());
            Assert.Equal(expected[i].Spans.ToArray(), actual[i].Spans.ToArray());
            TestModels.AssertClose(expected[i].Surprisal.Span, actual[i].Surprisal.Span, Tolerance, $"input {i}");
        }

        TestModels.AssertClose(
            TestModels.Floats(conditional.GetProperty("continuation_surprisal")), actual[1].Surprisal.Span, Tolerance, "conditional vs PyTorch");
    }

    [Fact]
    public async Task Session_AppendsAgreeWithScoringTheConcatenation()
    {
        // Cut before a space between two letters, so that the two pieces tokenize as the whole does.
        string text = MediumText;
        int cut = text.Length / 2;
        while (!(text[cut] == ' ' && char.IsLetter(text[cut - 1]) && char.IsLetter(text[cut + 1])))
        {
            cut++;
        }

        using IScoringSession session = _scorer.Value.CreateSession();
        TokenScores peek = await session.PeekAsync(text[..cut], TestContext.Current.CancellationToken);
        TokenScores first = await session.AppendAsync(text[..cut], TestContext.Current.CancellationToken);
        TokenScores second = await session.AppendAsync(text[cut..], TestContext.Current.CancellationToken);
        TokenScores whole = (await _scorer.Value.ScoreAsync([new ScoringInput(text)], TestContext.Current.CancellationToken))[0];
        float[] joined = [.. first.Surprisal.ToArray(), .. second.Surprisal.ToArray()];
        TestModels.AssertClose(first.Surprisal.Span, peek.Surprisal.Span, 1e-5f, "peek vs append");
        TestModels.AssertClose(whole.Surprisal.Span, joined, Tolerance, "appends vs whole");
    }

    [Fact]
    public async Task ScorerPeek_OverSessions_RunsOnePassAndScoresLikeEachSessionsPeek()
    {
        string text = MediumText;
        int cut = text.Length / 2;
        using IScoringSession empty = _scorer.Value.CreateSession();
        using IScoringSession conditioned = _scorer.Value.CreateSession();
        await conditioned.AppendContextAsync(text[..cut], TestContext.Current.CancellationToken);
        var profile = new ForwardProfile();
        _scorer.Value.Profile = profile;
        IReadOnlyList<TokenScores> together;
        try
        {
            together = await _scorer.Value.PeekAsync([empty, conditioned], text[cut..], TestContext.Current.CancellationToken);
        }
        finally
        {
            _scorer.Value.Profile = null;
        }

        Assert.Equal(1, profile.Passes);
        TokenScores first = await empty.PeekAsync(text[cut..], TestContext.Current.CancellationToken);
        TokenScores second = await conditioned.PeekAsync(text[cut..], TestContext.Current.CancellationToken);
        TestModels.AssertClose(first.Surprisal.Span, together[0].Surprisal.Span, 1e-5f, "no history");
        TestModels.AssertClose(second.Surprisal.Span, together[1].Surprisal.Span, 1e-5f, "with history");
        Assert.False(first.Surprisal.Span.SequenceEqual(second.Surprisal.Span));
    }

    [Fact]
    public async Task Profile_TimesEveryOperationOfEachForwardPass_AndLeavesTheScoresAsTheyWere()
    {
        using GpuTokenScorer gpu = GpuTokenScorer.Load(TestModels.TinyLlama, SmallWindows());
        ScoringInput[] input = [new(MediumText)];
        TokenScores plain = (await gpu.ScoreAsync(input, TestContext.Current.CancellationToken))[0];
        var profile = new ForwardProfile();
        gpu.Profile = profile;
        TokenScores profiled = (await gpu.ScoreAsync(input, TestContext.Current.CancellationToken))[0];
        gpu.Profile = null;

        Assert.Equal("plain", gpu.MatMulName);
        Assert.Equal(1, profile.Passes);
        Dictionary<string, long> calls = profile.Totals.ToDictionary(t => t.Operation, t => t.Calls);
        Assert.Equal(["copy-in", "embedding", "rmsnorm", "matmul-qkv", "rope", "attention", "matmul-o", "mlp", "lm-head", "surprisal", "copy-out"], calls.Keys);
        Assert.Equal(2 * calls["attention"], calls["rmsnorm"]); // two norms per layer, one attention
        Assert.All(profile.Totals, t => Assert.True(t.Ms >= 0));
        Assert.Equal(plain.Surprisal.ToArray(), profiled.Surprisal.ToArray());
    }

    [Fact]
    public void Load_CudaWithoutGpu_NamesTheAlternatives()
    {
        ScorerException ex = Assert.Throws<ScorerException>(() => GpuTokenScorer.Load(TestModels.TinyLlama, new GpuScorerOptions { Device = "cuda", DeviceId = 64 }));
        Assert.Contains("CUDA device", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingWeights_NamesTheFile()
    {
        string copy = TestModels.CopyTinyLlama();
        File.Delete(Path.Combine(copy, "model.safetensors"));
        ScorerException ex = Assert.Throws<ScorerException>(() => GpuTokenScorer.Load(copy, CpuOptions()));
        Assert.Contains("model.safetensors", ex.Message, StringComparison.Ordinal);
        Assert.Contains("missing", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("huge-header")]
    [InlineData("offsets-outside")]
    [InlineData("wrong-shape")]
    [InlineData("bad-json")]
    public void Load_CorruptWeights_FailsNamingTheProblemBeforeAllocating(string corruption)
    {
        string copy = TestModels.CopyTinyLlama();
        string path = Path.Combine(copy, "model.safetensors");
        File.Copy(Path.Combine(TestModels.TinyLlama, "model.safetensors"), path);
        byte[] bytes = File.ReadAllBytes(path);
        long headerLength = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        string header = Encoding.UTF8.GetString(bytes, 8, (int)headerLength);
        string expected;
        switch (corruption)
        {
            case "truncated":
                bytes = bytes[..(bytes.Length / 2)];
                expected = "outside the file";
                break;
            case "huge-header":
                BinaryPrimitives.WriteInt64LittleEndian(bytes, long.MaxValue / 2);
                expected = "declares a header";
                break;
            case "offsets-outside":
                bytes = Rewrite(bytes, headerLength, header.Replace("\"data_offsets\":[0,1048576]", "\"data_offsets\":[0,9999999]", StringComparison.Ordinal));
                expected = "byte range";
                break;
            case "wrong-shape":
                bytes = Rewrite(bytes, headerLength, ReplaceFirstShape(header));
                expected = "bytes; its shape and dtype need";
                break;
            default:
                bytes = Rewrite(bytes, headerLength, "{" + header[2..]);
                expected = "not valid JSON";
                break;
        }

        File.WriteAllBytes(path, bytes);
        ScorerException ex = Assert.Throws<ScorerException>(() => GpuTokenScorer.Load(copy, CpuOptions()));
        Assert.Contains("model.safetensors", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"model_type\": \"llama\"", "\"model_type\": \"gpt2\"", "Llama-architecture")]
    [InlineData("\"num_attention_heads\": 2", "\"num_attention_heads\": 0", "must be positive")]
    [InlineData("\"hidden_size\": 32", "\"hidden_size\": 99999999", "expected a whole number")]
    [InlineData("\"rope_type\": \"default\"", "\"rope_type\": \"yarn\"", "default RoPE")]
    public void Load_UnsupportedConfig_NamesTheField(string from, string to, string expected)
    {
        string copy = TestModels.CopyTinyLlama();
        File.Copy(Path.Combine(TestModels.TinyLlama, "model.safetensors"), Path.Combine(copy, "model.safetensors"));
        string config = Path.Combine(copy, "config.json");
        string text = File.ReadAllText(config);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(config, text.Replace(from, to, StringComparison.Ordinal));
        ScorerException ex = Assert.Throws<ScorerException>(() => GpuTokenScorer.Load(copy, CpuOptions()));
        Assert.Contains("config.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_RejectBadValues()
    {
        var options = new GpuScorerOptions();
        Assert.Throws<ArgumentOutOfRangeException>(() => options.Device = "tpu");
        Assert.Throws<ArgumentOutOfRangeException>(() => options.WindowSize = 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxBatchTokens = 8);
        Assert.Throws<ArgumentException>(() => GpuTokenScorer.Load(TestModels.TinyLlama, new GpuScorerOptions { Device = "cpu", WindowSize = 64, MinLeftContext = 64 }));
    }

    private static byte[] Rewrite(byte[] file, long headerLength, string header)
    {
        byte[] json = Encoding.UTF8.GetBytes(header.PadRight((int)headerLength));
        Assert.Equal(headerLength, json.Length);
        json.CopyTo(file, 8);
        return file;
    }

    private static string ReplaceFirstShape(string header)
    {
        int at = header.IndexOf("\"shape\":[", StringComparison.Ordinal) + "\"shape\":[".Length;
        int end = header.IndexOf(']', at);
        return header[..at] + "1" + new string(' ', end - at - 1) + header[end..];
    }
}
