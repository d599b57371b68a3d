namespace Squeeze.Code;

public sealed class CodeRepositoryCompressorTests
{
    [Fact]
    public async Task CompressAsync_RanksAcrossFiles_AndFitsTheBudget()
    {
        var files = TestSupport.SampleFiles.Select(f => (Path: "src/" + f, Text: TestSupport.Sample(f))).ToList();
        int total = files.Sum(f => TestSupport.Counter.CountTokens(f.Text));
        int budget = total / 8;
        var compressor = new CodeRepositoryCompressor();
        IReadOnlyList<CompressedCodeFile> result = await compressor.CompressAsync(files, "How does matrix_trace sum the diagonal?", budget, TestSupport.Counter);
        Assert.Equal(files.Count, result.Count);
        Assert.True(result.Sum(r => TestSupport.Counter.CountTokens(r.Compressed.Text)) <= budget);
        Assert.Equal(result.Sum(r => r.TokensAfter), result.Sum(r => TestSupport.Counter.CountTokens(r.Compressed.Text)));
        CompressedCodeFile matrix = result.Single(r => r.Path.EndsWith("matrix.c", StringComparison.Ordinal));
        Assert.Equal(CodeLanguage.C, matrix.Language);
        Assert.Contains("sum += m->data[i * m->cols + i];", matrix.Compressed.Text, StringComparison.Ordinal);
        Assert.Contains(result, r => r.Compressed.Text.Length == 0);
        for (int f = 0; f < files.Count; f++)
        {
            TestSupport.AssertSpansAndMarkers(files[f].Text, result[f].Compressed, ElisionMarkers.For(result[f].Language));
        }
    }

    [Fact]
    public async Task CompressAsync_WithinBudget_ReturnsFilesUnchanged()
    {
        var files = new List<(string Path, string Text)> { ("a.py", "def a():\n    return 1\n"), ("b.go", "package b\n") };
        IReadOnlyList<CompressedCodeFile> result = await new CodeRepositoryCompressor().CompressAsync(files, null, 1000, TestSupport.Counter);
        Assert.Equal(files.Select(f => f.Text), result.Select(r => r.Compressed.Text));
    }
}
