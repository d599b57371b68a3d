using System.Text.Json;

namespace Squeeze.Scoring;

public sealed class TokenizerParityTests
{
    [Fact]
    public void Tokenizer_MatchesHuggingFaceIds_OnParityFixture()
    {
        string[] lines = File.ReadAllLines(Path.Combine(TestModels.Fixtures, "tokenizer-parity.jsonl"));
        Assert.NotEmpty(lines);
        var failures = new List<string>();
        foreach (string line in lines)
        {
            if (line.Length == 0)
            {
                continue;
            }

            using JsonDocument doc = JsonDocument.Parse(line);
            string text = doc.RootElement.GetProperty("text").GetString()!;
            int[] expected = TestModels.Ints(doc.RootElement.GetProperty("ids"));
            int[] actual = TextEncoder.EncodeIds(TestModels.Surprisal.Tokenizer, text);
            if (!expected.AsSpan().SequenceEqual(actual))
            {
                failures.Add($"{JsonSerializer.Serialize(text)}: expected [{string.Join(",", expected)}] got [{string.Join(",", actual)}]");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Tokenizer_MatchesReferenceIds_OnReferenceCases()
    {
        foreach (JsonElement c in TestModels.Reference.GetProperty("cases").EnumerateArray())
        {
            int[] ids = TestModels.Ints(c.GetProperty("ids"));
            int[] actual = TextEncoder.EncodeIds(TestModels.Surprisal.Tokenizer, c.GetProperty("text").GetString()!);
            Assert.Equal(ids.AsSpan(1).ToArray(), actual);
        }
    }

    [Theory]
    [InlineData("a😀b")]
    [InlineData("naïve café — 東京 🤖 👨‍👩‍👧")]
    [InlineData("x\r\n\ty  z\u200B\u05E9\u05DC\u05D5\u05DD e\u0301")]
    [InlineData("😀😀😀 🇫🇷")]
    public void Encode_SpansStayInOrderAndNeverSplitSurrogatePairs(string text)
    {
        (int[] ids, TextSpan[] spans) = TextEncoder.Encode(TestModels.Surprisal.Tokenizer, text);
        Assert.Equal(ids.Length, spans.Length);
        int previousStart = 0;
        var covered = new bool[text.Length];
        foreach (TextSpan span in spans)
        {
            Assert.InRange(span.Start, previousStart, text.Length);
            Assert.InRange(span.End, span.Start, text.Length);
            Assert.False(span.Start > 0 && span.Start < text.Length && char.IsLowSurrogate(text[span.Start]), $"span {span} starts inside a surrogate pair");
            Assert.False(span.End > 0 && span.End < text.Length && char.IsHighSurrogate(text[span.End - 1]), $"span {span} ends inside a surrogate pair");
            for (int i = span.Start; i < span.End; i++)
            {
                covered[i] = true;
            }

            previousStart = span.Start;
        }

        Assert.All(covered, Assert.True);
    }

    [Fact]
    public void ToSpan_WidensRangeEndingOnHighSurrogate()
    {
        Assert.Equal(new TextSpan(1, 2), TextEncoder.ToSpan("a😀b", 1..2));
        Assert.Equal(new TextSpan(1, 2), TextEncoder.ToSpan("a😀b", 2..3));
        Assert.Equal(new TextSpan(3, 1), TextEncoder.ToSpan("a😀b", 3..4));
        Assert.Equal(new TextSpan(0, 1), TextEncoder.ToSpan("a", 0..5));
    }
}
