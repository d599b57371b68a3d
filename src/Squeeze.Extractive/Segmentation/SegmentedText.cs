namespace Squeeze.Extractive;

/// <summary>A text split into sentences, paragraphs and passages that nest: every passage is a run of whole paragraphs, every paragraph a run of whole sentences.</summary>
internal sealed class SegmentedText
{
    public SegmentedText(string text, TextSpan[] sentences, TextSpan[] paragraphs, TextSpan[] passages, bool[] sentenceIsTitle, bool[] paragraphIsTitle)
    {
        Text = text;
        Sentences = sentences;
        Paragraphs = paragraphs;
        Passages = passages;
        SentenceIsTitle = sentenceIsTitle;
        ParagraphIsTitle = paragraphIsTitle;
    }

    public string Text { get; }

    public TextSpan[] Sentences { get; }

    public TextSpan[] Paragraphs { get; }

    public TextSpan[] Passages { get; }

    /// <summary>Gets, per sentence, whether it is a heading line or the first sentence of a passage that opens with a marker.</summary>
    public bool[] SentenceIsTitle { get; }

    /// <summary>Gets, per paragraph, whether it is a heading or a one-line passage marker.</summary>
    public bool[] ParagraphIsTitle { get; }

    public TextSpan[] Get(TextUnitLevel level) => level switch
    {
        TextUnitLevel.Sentence => Sentences,
        TextUnitLevel.Paragraph => Paragraphs,
        _ => Passages,
    };

    /// <summary>Maps each unit of <paramref name="inner"/> to the index of the unit of <paramref name="outer"/> that contains its start.</summary>
    public static int[] MapToContaining(TextSpan[] inner, TextSpan[] outer)
    {
        var map = new int[inner.Length];
        int o = 0;
        for (int i = 0; i < inner.Length; i++)
        {
            while (o < outer.Length - 1 && outer[o].End <= inner[i].Start)
            {
                o++;
            }

            map[i] = o;
        }

        return map;
    }
}
