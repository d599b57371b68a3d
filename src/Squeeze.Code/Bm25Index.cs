namespace Squeeze.Code;

/// <summary>Okapi BM25 over a fixed set of documents (code units), with k1 = 1.2 and b = 0.75.</summary>
internal sealed class Bm25Index
{
    private const double K1 = 1.2;
    private const double B = 0.75;
    private readonly Dictionary<string, int> _documentFrequency = new(StringComparer.Ordinal);
    private readonly int _count;
    private readonly double _averageLength;

    public Bm25Index(IReadOnlyList<Dictionary<string, int>> documents, IReadOnlyList<int> lengths)
    {
        _count = documents.Count;
        long total = 0;
        for (int d = 0; d < documents.Count; d++)
        {
            total += lengths[d];
            foreach (string term in documents[d].Keys)
            {
                _documentFrequency[term] = _documentFrequency.TryGetValue(term, out int df) ? df + 1 : 1;
            }
        }

        _averageLength = _count == 0 ? 1 : Math.Max(1, (double)total / _count);
    }

    public double Score(IEnumerable<string> queryTerms, Dictionary<string, int> termFrequency, int length)
    {
        double score = 0;
        foreach (string term in queryTerms)
        {
            if (!termFrequency.TryGetValue(term, out int tf))
            {
                continue;
            }

            int df = _documentFrequency.GetValueOrDefault(term);
            double idf = Math.Log(1 + ((_count - df + 0.5) / (df + 0.5)));
            score += idf * (tf * (K1 + 1)) / (tf + (K1 * (1 - B + (B * length / _averageLength))));
        }

        return score;
    }
}
