using CsCheck;
using Squeeze.Code;

namespace Squeeze.Reliability;

/// <summary>
/// Properties of every compression method on its own, over generated hostile text (odd Unicode, Markdown, code, empty parts)
/// and budgets, with a fixed seed: the output fits the budget; it is the kept spans of the input, ascending, plus documented
/// markers only; input within the budget comes back unchanged; the same request gives the same output; nothing but a
/// <see cref="SqueezeException"/> escapes.
/// </summary>
public sealed class SegmentCompressorPropertyTests
{
    private const string Seed = "7hQcYw2Ue3Ba";
    private static readonly ITokenCounter _o200k = TargetTokenizers.ForEncoding("o200k_base");
    private static readonly string[] _markers = [ElisionMarkers.BlockComment, ElisionMarkers.Ellipsis, ElisionMarkers.Text];

    // Inline <squeeze> markup is an instruction to the pruners (a keep region may exceed a small budget by design), so it is
    // left out here; SqueezeMarkupParserTests and the fuzz targets cover it.
    private static readonly Gen<string> _text = ConversationGenerators.Text.Where(t => !t.Contains("squeeze", StringComparison.Ordinal));

    public static TheoryData<string> Methods() => [.. Compressors.Names];

    [Theory]
    [MemberData(nameof(Methods))]
    public void Compressor_FitsBudget_KeepsSpansInOrder_LeavesShortInputUnchanged_IsDeterministic(string method)
    {
        ISegmentCompressor compressor = Compressors.Create(method);
        bool code = Compressors.IsCode(method);
        Gen.Select(_text, Gen.Int[1, 300], Gen.Bool).Sample((text, budget, withQuery) =>
        {
            var request = new SegmentCompressionRequest(text, budget, _o200k)
            {
                Query = withQuery ? "Which port does the gateway use?" : null,
                Kind = code ? SegmentKind.Code : SegmentKind.Document,
                Language = code ? "py" : null,
            };

            CompressedText result;
            try
            {
                result = compressor.CompressAsync(request).GetAwaiter().GetResult();
            }
            catch (SqueezeException)
            {
                return; // documented: the budget cannot be met
            }

            Assert.True(_o200k.CountTokens(result.Text) <= budget, $"{method}: {_o200k.CountTokens(result.Text)} tokens for a budget of {budget}");
            if (_o200k.CountTokens(text) <= budget)
            {
                Assert.Equal(text, result.Text);
            }

            AssertPiecesRebuildTheOutput(text, result);
            Assert.Equal(result.Text, compressor.CompressAsync(request).GetAwaiter().GetResult().Text);
        }, seed: Seed, iter: 120);
    }

    private static void AssertPiecesRebuildTheOutput(string source, CompressedText result)
    {
        var rebuilt = new System.Text.StringBuilder();
        int previousEnd = 0;
        foreach (TextPiece piece in result.Pieces)
        {
            if (piece.IsMarker)
            {
                Assert.Contains(piece.Marker!.Trim(), _markers);
                rebuilt.Append(piece.Marker);
                continue;
            }

            Assert.InRange(piece.Span.Start, previousEnd, source.Length);
            Assert.InRange(piece.Span.End, piece.Span.Start, source.Length);
            Assert.False(piece.Span.Start > 0 && piece.Span.Start < source.Length && char.IsLowSurrogate(source[piece.Span.Start]) && char.IsHighSurrogate(source[piece.Span.Start - 1]), "a kept span starts inside a surrogate pair");
            Assert.False(piece.Span.End > 0 && piece.Span.End < source.Length && char.IsHighSurrogate(source[piece.Span.End - 1]) && char.IsLowSurrogate(source[piece.Span.End]), "a kept span ends inside a surrogate pair");
            rebuilt.Append(source, piece.Span.Start, piece.Span.Length);
            previousEnd = piece.Span.End;
        }

        Assert.Equal(result.Text, rebuilt.ToString());
    }
}
