namespace Squeeze.Code;

/// <summary>
/// LongCodeZip's approximated mutual information between a code text and the query: the mean surprisal of the query alone
/// minus its mean surprisal when the code is read first. Higher means the code makes the query more predictable.
/// </summary>
internal static class MutualInformation
{
    public static async Task<double[]> ComputeAsync(ITokenScorer scorer, string query, IReadOnlyList<string> texts, int batchSize, int maxChars, CancellationToken cancellationToken)
    {
        var result = new double[texts.Count];
        IReadOnlyList<TokenScores> baseline = await scorer.ScoreAsync([new ScoringInput(query)], cancellationToken).ConfigureAwait(false);
        double alone = baseline.Count > 0 ? MeanSurprisal(baseline[0]) : 0;
        for (int start = 0; start < texts.Count; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(batchSize, texts.Count - start);
            var inputs = new ScoringInput[count];
            for (int i = 0; i < count; i++)
            {
                string text = texts[start + i];
                inputs[i] = new ScoringInput(query, text.Length > maxChars ? Cut(text, maxChars) : text);
            }

            IReadOnlyList<TokenScores> scores = await scorer.ScoreAsync(inputs, cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < count && i < scores.Count; i++)
            {
                result[start + i] = alone - MeanSurprisal(scores[i]);
            }
        }

        return result;
    }

    /// <summary>Scores <paramref name="text"/> once and averages the surprisal of the tokens on each of its lines.</summary>
    public static async Task<double[]> LineSurprisalAsync(ITokenScorer scorer, string text, CancellationToken cancellationToken)
    {
        IReadOnlyList<TokenScores> scored = await scorer.ScoreAsync([new ScoringInput(text)], cancellationToken).ConfigureAwait(false);
        int lineCount = 1;
        foreach (char c in text)
        {
            if (c == '\n')
            {
                lineCount++;
            }
        }

        var sums = new double[lineCount];
        var counts = new int[lineCount];
        if (scored.Count > 0)
        {
            TokenScores scores = scored[0];
            ReadOnlySpan<TextSpan> spans = scores.Spans.Span;
            ReadOnlySpan<float> surprisal = scores.Surprisal.Span;
            int line = 0;
            int cursor = 0;
            for (int t = 0; t < scores.Count; t++)
            {
                int at = Math.Clamp(spans[t].Start, 0, text.Length);
                while (cursor < at)
                {
                    if (text[cursor++] == '\n')
                    {
                        line++;
                    }
                }

                sums[line] += surprisal[t];
                counts[line]++;
            }
        }

        for (int i = 0; i < lineCount; i++)
        {
            sums[i] = counts[i] > 0 ? sums[i] / counts[i] : (i > 0 ? sums[i - 1] : 0);
        }

        return sums;
    }

    private static string Cut(string text, int maxChars)
    {
        int end = maxChars;
        if (char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        return text[..end];
    }

    private static double MeanSurprisal(TokenScores scores)
    {
        if (scores.Count == 0)
        {
            return 0;
        }

        double sum = 0;
        foreach (float value in scores.Surprisal.Span)
        {
            sum += value;
        }

        return sum / scores.Count;
    }
}
