using Squeeze.Extractive;

namespace Squeeze.Fuzz;

/// <summary>Target "segmenter": <see cref="TextSegmenter.Split"/> at every level; the units must tile the input exactly.</summary>
internal static class SegmenterTarget
{
    public const string Name = "segmenter";

    public static void Run(ReadOnlySpan<byte> data)
    {
        string text = FuzzInput.Decode(data);
        foreach (TextUnitLevel level in Enum.GetValues<TextUnitLevel>())
        {
            TextSpan[] units = TextSegmenter.Split(text, level);
            int cursor = 0;
            foreach (TextSpan unit in units)
            {
                Check.That(unit.Start == cursor && unit.Length > 0, Name, $"{level}: unit {unit} does not start at {cursor} or is empty");
                cursor = unit.End;
            }

            Check.That(cursor == text.Length, Name, $"{level}: units end at {cursor}, text has {text.Length} chars");
            Check.NoSplitSurrogates(Name, text, units);
            TextSpan[] again = TextSegmenter.Split(text, level);
            Check.That(again.AsSpan().SequenceEqual(units), Name, $"{level}: not deterministic");
        }
    }
}
