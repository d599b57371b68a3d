namespace Squeeze.TokenPruning;

public sealed class WordUnitSplitterTests
{
    private static List<WordUnit> Split(string text)
    {
        var units = new List<WordUnit>();
        WordUnitSplitter.Split(text, 0, text.Length, units);
        return units;
    }

    private static List<string> Texts(string text) => Split(text).ConvertAll(u => text.Substring(u.Start, u.Length));

    [Fact]
    public void Split_CoversTheTextExactly()
    {
        foreach (string text in new[] { TestData.AllPassages, TestData.OddUnicode, "  leading, and trailing...  ", "a\r\n\r\nb" })
        {
            List<WordUnit> units = Split(text);
            int cursor = 0;
            foreach (WordUnit unit in units)
            {
                Assert.Equal(cursor, unit.Start);
                Assert.True(unit.Length > 0);
                cursor = unit.End;
            }

            Assert.Equal(text.Length, cursor);
        }
    }

    [Fact]
    public void Split_AttachesLeadingWhitespaceAndPunctuationToTheWord()
    {
        Assert.Equal(["Hello", ", (world", ") end", "."], Texts("Hello, (world) end."));
    }

    [Theory]
    [InlineData("pi is 3.14 exactly", " 3.14")]
    [InlineData("about 1,000,000 people", " 1,000,000")]
    [InlineData("at 12:30 sharp", " 12:30")]
    [InlineData("grew 45% last year", " 45%")]
    [InlineData("version v2 shipped", " v2")]
    public void Split_KeepsNumbersWhole(string text, string expectedUnit)
    {
        List<string> texts = Texts(text);
        Assert.Contains(expectedUnit, texts);
        Assert.True(Split(text)[texts.IndexOf(expectedUnit)].Has(WordUnitFlags.Number));
    }

    [Fact]
    public void Split_KeepsContractionsWhole() => Assert.Contains(" don't", Texts("I don't know"));

    [Fact]
    public void Split_MakesQuestionMarksAndLineBreaksTheirOwnUnits()
    {
        List<WordUnit> units = Split("Why now? Because\r\n\nyes.");
        string text = "Why now? Because\r\n\nyes.";
        Assert.Equal(["Why", " now", "?", " Because", "\r\n\n", "yes", "."], units.ConvertAll(u => text.Substring(u.Start, u.Length)));
        Assert.True(units[2].Has(WordUnitFlags.Question));
        Assert.True(units[4].Has(WordUnitFlags.Newline));
        Assert.True(units[6].Has(WordUnitFlags.SentenceEnd));
    }

    [Fact]
    public void Split_NeverSplitsSurrogatePairsOrCombiningMarks()
    {
        string text = TestData.OddUnicode;
        foreach (WordUnit unit in Split(text))
        {
            Assert.False(char.IsLowSurrogate(text[unit.Start]) && unit.Start > 0 && char.IsHighSurrogate(text[unit.Start - 1]), "split inside a surrogate pair");
            Assert.False(char.GetUnicodeCategory(text[unit.Start]) == System.Globalization.UnicodeCategory.NonSpacingMark && unit.Start > 0 && char.IsLetter(text[unit.Start - 1]), "combining mark cut from its letter");
        }

        Assert.Contains(" \u0065\u0301t\u00e9", Texts(text));
    }
}
