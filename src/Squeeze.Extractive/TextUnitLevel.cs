namespace Squeeze.Extractive;

/// <summary>How coarse the units are that <see cref="TextSegmenter"/> splits a text into.</summary>
public enum TextUnitLevel
{
    /// <summary>Sentences; also every heading, list item, table row and chat turn, and a fenced code block as one unit.</summary>
    Sentence,

    /// <summary>Paragraphs: runs of lines between blank lines; headings, list items, chat turns, tables and fenced code blocks each on their own.</summary>
    Paragraph,

    /// <summary>
    /// Passages: documents that start at a marker line (<c>Document [1]</c>, <c>[1]</c>, <c>Passage 2:</c>, <c>&lt;document&gt;</c>);
    /// without markers, sections that start at Markdown headings or rules; without those, paragraphs.
    /// </summary>
    Passage,
}
