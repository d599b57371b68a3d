using System.Text;
using System.Text.Json;
using CsCheck;

namespace Squeeze.Extractive;

public sealed class TextSegmenterTests
{
    private static readonly Lazy<Dictionary<string, SegmentationCase>> _cases = new(LoadCases);

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (string name in _cases.Value.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void Fixture_HasAtLeastTwentyCases() => Assert.True(_cases.Value.Count >= 20);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Split_FixtureCase_MatchesExpectedUnits(string name)
    {
        SegmentationCase c = _cases.Value[name];
        TextSpan[] spans = TextSegmenter.Split(c.Text, c.Level);
        string[] actual = Array.ConvertAll(spans, s => c.Text.Substring(s.Start, s.Length));
        Assert.Equal(c.Units, actual);
    }

    [Fact]
    public void Split_RandomUnicode_UnitsTileInputExactly()
    {
        // Characters that stress the scanner: terminators, closers, markers, line breaks, surrogates (paired and lone), combining marks.
        var pieces = new[]
        {
            ".", "!", "?", "。", "।", "؟", "…", "\"", "'", ")", "「", "」", " ", "  ", "\n", "\r\n", "\r", "\t", "\n\n", "#", "# ", "- ", "1. ",
            "| ", "```", "~~~", "[1] ", "Document [2] ", "User: ", "Dr.", "e.g.", "U.S.", "3.14", "a", "B", "word", "Word", "😀", "\uD83D", "\uDE00",
            "e\u0301", "\u200B", "\u202E", "ß", "東京", "\u00A0", "<document>", "http://x.y/z?q=1.",
        };
        Gen<string> text = Gen.OneOf(
            Gen.Int[0, pieces.Length - 1].Select(i => pieces[i]).Array[0, 40].Select(string.Concat),
            Gen.Char.Array[0, 60].Select(chars => new string(chars)));
        text.Sample(
            s =>
            {
                foreach (TextUnitLevel level in Enum.GetValues<TextUnitLevel>())
                {
                    AssertTiles(s, TextSegmenter.Split(s, level));
                }
            },
            seed: "0N0XIzNsQ0O2",
            iter: 500,
            threads: 1);
    }

    [Fact]
    public void Split_Levels_Nest()
    {
        const string text = "# Guide\nFirst. Second one here.\n\n- item a. More.\n- item b\n\n[1] Doc one. Text.\n[2] Doc two.\n";
        TextSpan[] sentences = TextSegmenter.Split(text, TextUnitLevel.Sentence);
        TextSpan[] paragraphs = TextSegmenter.Split(text, TextUnitLevel.Paragraph);
        TextSpan[] passages = TextSegmenter.Split(text, TextUnitLevel.Passage);
        var sentenceStarts = new HashSet<int>(Array.ConvertAll(sentences, s => s.Start));
        var paragraphStarts = new HashSet<int>(Array.ConvertAll(paragraphs, s => s.Start));
        Assert.All(paragraphs, p => Assert.Contains(p.Start, sentenceStarts));
        Assert.All(passages, p => Assert.Contains(p.Start, paragraphStarts));
        Assert.Equal(3, passages.Length);
    }

    [Fact]
    public void Split_Empty_ReturnsNoUnits()
    {
        Assert.Empty(TextSegmenter.Split(string.Empty, TextUnitLevel.Sentence));
        Assert.Equal([new TextSpan(0, 3)], TextSegmenter.Split(" \n ", TextUnitLevel.Passage));
    }

    [Fact]
    public void Split_LongInput_TilesEverySentence()
    {
        var builder = new StringBuilder();
        for (int i = 0; i < 20_000; i++)
        {
            builder.Append("Dr. Who met J. R. Smith at 3.14 p.m. today. ");
        }

        string text = builder.ToString();
        TextSpan[] spans = TextSegmenter.Split(text, TextUnitLevel.Sentence);
        Assert.Equal(20_000, spans.Length);
        AssertTiles(text, spans);
    }

    private static void AssertTiles(string text, TextSpan[] spans)
    {
        int cursor = 0;
        foreach (TextSpan span in spans)
        {
            Assert.Equal(cursor, span.Start);
            Assert.True(span.Length > 0);
            Assert.False(span.Start > 0 && char.IsLowSurrogate(text[span.Start]) && char.IsHighSurrogate(text[span.Start - 1]), "A unit splits a surrogate pair.");
            cursor = span.End;
        }

        Assert.Equal(text.Length, cursor);
    }

    private static Dictionary<string, SegmentationCase> LoadCases()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "segmentation-cases.json");
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
        var cases = new Dictionary<string, SegmentationCase>(StringComparer.Ordinal);
        foreach (JsonElement e in doc.RootElement.EnumerateArray())
        {
            TextUnitLevel level = Enum.Parse<TextUnitLevel>(e.GetProperty("level").GetString()!, ignoreCase: true);
            var units = new List<string>();
            foreach (JsonElement u in e.GetProperty("units").EnumerateArray())
            {
                units.Add(u.GetString()!);
            }

            cases.Add(e.GetProperty("name").GetString()!, new SegmentationCase(e.GetProperty("text").GetString()!, level, [.. units]));
        }

        return cases;
    }

    private sealed record SegmentationCase(string Text, TextUnitLevel Level, string[] Units);
}
