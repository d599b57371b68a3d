using Squeeze.Code;

namespace Squeeze.Fuzz;

/// <summary>
/// Target "code": <see cref="CodeParser.Parse"/> for every <see cref="CodeLanguage"/> (units in bounds, bodies inside their unit,
/// parents enclose children), then <see cref="CodeCompressor"/> (no scorer) for one language chosen by the input, with a budget of
/// 0–252 o200k tokens: output within budget, kept spans in order, only documented elision markers inserted.
/// </summary>
internal static class CodeTarget
{
    public const string Name = "code";

    private static readonly CodeLanguage[] _languages = Enum.GetValues<CodeLanguage>();
    private static readonly string?[] _hints = [null, "cs", "py", "js", "ts", "java", "go", "rs", "c", "cpp"];
    private static readonly CodeCompressor _compressor = new();

    public static void Run(ReadOnlySpan<byte> data)
    {
        string text = FuzzInput.Decode(data);
        foreach (CodeLanguage language in _languages)
        {
            CheckUnits(text, language, CodeParser.Parse(text, language));
        }

        int budget = FuzzInput.SmallBudget(data) * 4;
        string? hint = _hints[(data.Length == 0 ? 0 : data[^1]) % _hints.Length];
        ITokenCounter counter = Counters.O200k;
        var request = new SegmentCompressionRequest(text, budget, counter) { Kind = SegmentKind.Code, Language = hint };
        CompressedText result = _compressor.CompressAsync(request).GetAwaiter().GetResult();
        int tokens = counter.CountTokens(result.Text);
        Check.That(tokens <= budget, Name, $"{hint}: output has {tokens} tokens, budget {budget}");
        Check.That(counter.CountTokens(text) > budget || result.Text == text, Name, $"{hint}: input within budget was changed");
        int previousEnd = 0;
        var rebuilt = new System.Text.StringBuilder(result.Text.Length);
        foreach (TextPiece piece in result.Pieces)
        {
            if (piece.IsMarker)
            {
                string marker = piece.Marker!.Trim();
                Check.That(marker is ElisionMarkers.BlockComment or ElisionMarkers.Ellipsis or ElisionMarkers.Text, Name, $"{hint}: undocumented marker '{piece.Marker}'");
                rebuilt.Append(piece.Marker);
                continue;
            }

            TextSpan span = piece.Span;
            Check.That(span.Start >= previousEnd && span.End <= text.Length, Name, $"{hint}: kept span {span} out of order or bounds");
            rebuilt.Append(text, span.Start, span.Length);
            previousEnd = span.End;
        }

        Check.That(rebuilt.ToString() == result.Text, Name, $"{hint}: output is not its pieces");
        Check.NoSplitSurrogates(Name, text, result.KeptSpans);
    }

    private static void CheckUnits(string text, CodeLanguage language, IReadOnlyList<CodeUnit> units)
    {
        for (int i = 0; i < units.Count; i++)
        {
            CodeUnit unit = units[i];
            Check.That(unit.Span.Start >= 0 && unit.Span.Length >= 0 && unit.Span.End <= text.Length, Name, $"{language}: unit {i} span {unit.Span} out of bounds ({text.Length})");
            Check.That(unit.StartLine >= 1 && unit.EndLine >= unit.StartLine, Name, $"{language}: unit {i} lines {unit.StartLine}-{unit.EndLine}");
            Check.That(!unit.HasBody || (unit.Body.Start >= unit.Span.Start && unit.Body.End <= unit.Span.End), Name, $"{language}: unit {i} body {unit.Body} outside span {unit.Span}");
            Check.That(unit.Parent >= -1 && unit.Parent < i, Name, $"{language}: unit {i} parent {unit.Parent}");
            if (unit.Parent >= 0)
            {
                TextSpan parent = units[unit.Parent].Span;
                Check.That(unit.Span.Start >= parent.Start && unit.Span.End <= parent.End, Name, $"{language}: unit {i} {unit.Span} outside parent {parent}");
            }
        }
    }
}
