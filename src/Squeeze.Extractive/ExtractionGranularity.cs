namespace Squeeze.Extractive;

/// <summary>Which units <see cref="ExtractiveCompressor"/> keeps or drops.</summary>
public enum ExtractionGranularity
{
    /// <summary>Passages first (when the text has several), then sentences inside the kept passages.</summary>
    Auto,

    /// <summary>Sentences (and headings, list items, table rows, chat turns, whole code blocks).</summary>
    Sentence,

    /// <summary>Paragraphs.</summary>
    Paragraph,

    /// <summary>Passages (documents or sections); see <see cref="TextUnitLevel.Passage"/>.</summary>
    Passage,
}
