namespace Squeeze.Extractive;

/// <summary>What one line of a text is, as far as segmentation cares.</summary>
internal enum LineKind
{
    Blank,
    Text,
    FenceDelimiter,
    Heading,
    Rule,
    TableRow,
    ListItem,
    ChatTurn,
    PassageMarker,
}
