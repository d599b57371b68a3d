namespace Squeeze.Extractive;

/// <summary>Word-bigram shingle sets (sorted distinct hashes) and their Jaccard similarity, for redundancy and near-duplicate checks.</summary>
internal static class Shingles
{
    public static int[] Build(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return [];
        }

        using var words = new PooledArray<int>(text.Length);
        int count = WordHasher.Hash(text, words.Span);
        if (count == 0)
        {
            return [];
        }

        int[] shingles;
        if (count == 1)
        {
            shingles = [words.Array[0]];
        }
        else
        {
            shingles = new int[count - 1];
            for (int i = 0; i < count - 1; i++)
            {
                shingles[i] = unchecked((words.Array[i] * 486187739) + words.Array[i + 1]);
            }
        }

        Array.Sort(shingles);
        int distinct = 1;
        for (int i = 1; i < shingles.Length; i++)
        {
            if (shingles[i] != shingles[distinct - 1])
            {
                shingles[distinct++] = shingles[i];
            }
        }

        return distinct == shingles.Length ? shingles : shingles[..distinct];
    }

    public static float Jaccard(int[] a, int[] b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        int i = 0;
        int j = 0;
        int common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                common++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return (float)common / (a.Length + b.Length - common);
    }
}
