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
            int[] actual = TestModels.Surprisal.Encoder.EncodeIds(text);
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
            int[] actual = TestModels.Surprisal.Encoder.EncodeIds(c.GetProperty("text").GetString()!);
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
        (int[] ids, TextSpan[] spans) = TestModels.Surprisal.Encoder.Encode(text);
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
    public void Encode_SpansFromIds_EqualTheTokenizersOffsetsWidenedOverSurrogatePairs()
    {
        var texts = new List<string>();
        foreach (string line in File.ReadAllLines(Path.Combine(TestModels.Fixtures, "tokenizer-parity.jsonl")))
        {
            if (line.Length > 0)
            {
                using JsonDocument doc = JsonDocument.Parse(line);
                texts.Add(doc.RootElement.GetProperty("text").GetString()!);
            }
        }

        // Random strings over characters of every UTF-8 length, combining marks, joiners, lone surrogates and the special token.
        string[] pieces = ["a", "b ", " c", "\n", "\r\n", "\t", "é", "漢", "字", "😀", "👨\u200D👩", "e\u0301", "\uD800", "\uDC00", "<|endoftext|>", "12", ".", "'s", "  "];
        var random = new Random(20261203);
        for (int i = 0; i < 2_000; i++)
        {
            var builder = new System.Text.StringBuilder();
            for (int n = random.Next(1, 40); n > 0; n--)
            {
                builder.Append(pieces[random.Next(pieces.Length)]);
            }

            texts.Add(builder.ToString());
        }

        TextEncoder encoder = TestModels.Surprisal.Encoder;
        foreach (string text in texts)
        {
            IReadOnlyList<Microsoft.ML.Tokenizers.EncodedToken> tokens = encoder.Tokenizer.EncodeToTokens(text, out _);
            (int[] ids, TextSpan[] spans) = encoder.Encode(text);
            Assert.Equal(tokens.Count, ids.Length);
            for (int t = 0; t < ids.Length; t++)
            {
                (int start, int length) = tokens[t].Offset.GetOffsetAndLength(text.Length);
                int end = start + length;
                if (start > 0 && start < text.Length && char.IsLowSurrogate(text[start]) && char.IsHighSurrogate(text[start - 1]))
                {
                    start--;
                }

                if (end > 0 && end < text.Length && char.IsHighSurrogate(text[end - 1]) && char.IsLowSurrogate(text[end]))
                {
                    end++;
                }

                Assert.Equal(tokens[t].Id, ids[t]);
                Assert.True(TextSpan.FromBounds(start, end) == spans[t], $"{JsonSerializer.Serialize(text)} token {t}: tokenizer [{start}, {end}), encoder {spans[t]}");
            }
        }
    }
}
