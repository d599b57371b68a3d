using Squeeze.Code;

namespace Squeeze;

/// <summary>
/// Checks that a compressed text is made of pieces of the original in their original order (plus allowed markers):
/// with markers removed, it must be a subsequence of the original. Greedy earliest matching decides this exactly.
/// </summary>
internal static class SubsequenceAssert
{
    /// <summary>The markers the pipeline's methods document: the code compressor's elision markers (see <see cref="ElisionMarkers"/>).</summary>
    private static readonly string[] _documentedMarkers = [ElisionMarkers.BlockComment, ElisionMarkers.Ellipsis, ElisionMarkers.Text];

    /// <summary>Asserts that <paramref name="compressed"/>, less the documented elision markers, is an in-order subsequence of <paramref name="original"/>.</summary>
    public static void IsOrderedSubsequence(string original, string compressed) => IsOrderedSubsequence(original, compressed, _documentedMarkers);

    public static void IsOrderedSubsequence(string original, string compressed, string[] markers)
    {
        int position = 0;
        int i = 0;
        while (i < compressed.Length)
        {
            string? marker = Array.Find(markers, m => m.Length > 0 && string.CompareOrdinal(compressed, i, m, 0, m.Length) == 0);
            if (marker is not null)
            {
                i += marker.Length;
                continue;
            }

            int found = original.IndexOf(compressed[i], position);
            Assert.True(found >= 0, $"Output text at {i} (\"{compressed.Substring(i, Math.Min(30, compressed.Length - i))}\") does not follow, in order, from the input after position {position}.");
            position = found + 1;
            i++;
        }
    }
}
