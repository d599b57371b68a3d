using Microsoft.ML.Tokenizers;

namespace Squeeze.Code;

internal static class TestSupport
{
    public static readonly ITokenCounter Counter = new TokenizerTokenCounter(TiktokenTokenizer.CreateForEncoding("o200k_base"), "o200k_base");

    public static readonly string[] SampleFiles =
        ["Inventory.cs", "parser.py", "router.js", "store.ts", "Ledger.java", "cache.go", "tokens.rs", "matrix.c", "shapes.cpp"];

    public static string Sample(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", name)).ReplaceLineEndings("\n");

    /// <summary>Asserts the result is the input's kept spans, in order, joined only by the documented marker.</summary>
    public static void AssertSpansAndMarkers(string source, CompressedText result, string marker)
    {
        var builder = new System.Text.StringBuilder();
        int cursor = 0;
        foreach (TextSpan span in result.KeptSpans)
        {
            Assert.True(span.Start >= cursor && span.End <= source.Length);
            if (span.Start > cursor)
            {
                builder.Append(marker);
            }

            builder.Append(source, span.Start, span.Length);
            cursor = span.End;
        }

        if (cursor < source.Length && result.KeptSpans.Count > 0)
        {
            builder.Append(marker);
        }

        Assert.Equal(builder.ToString(), result.Text);
    }

    public static Task<CompressedText> CompressAsync(string text, string language, string? query, int budget, ITokenScorer? scorer = null) =>
        new CodeCompressor(scorer).CompressAsync(new SegmentCompressionRequest(text, budget, Counter) { Query = query, Language = language, Kind = SegmentKind.Code });
}
