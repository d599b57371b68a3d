namespace Squeeze;

/// <summary>Checks that a compressed text is made of substrings of the original, in their original order, plus allowed markers only.</summary>
internal static class SubsequenceAssert
{
    public static void IsOrderedSubsequence(string original, string compressed, params string[] markers)
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

            // The longest piece of the output, starting at i, that occurs in the input at or after the current position.
            int lo = 0, hi = compressed.Length - i;
            while (lo < hi)
            {
                int mid = (lo + hi + 1) / 2;
                if (original.IndexOf(compressed.Substring(i, mid), position, StringComparison.Ordinal) >= 0)
                {
                    lo = mid;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            Assert.True(lo > 0, $"Output text at {i} (\"{compressed.Substring(i, Math.Min(30, compressed.Length - i))}\") is not a piece of the input after position {position}.");
            position = original.IndexOf(compressed.Substring(i, lo), position, StringComparison.Ordinal) + lo;
            i += lo;
        }
    }
}
