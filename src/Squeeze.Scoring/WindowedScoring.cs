using System.Globalization;

namespace Squeeze.Scoring;

/// <summary>
/// Scoring of whole texts over an <see cref="IRowScorer"/>: the begin token, the prefix and the text are joined, cut into overlapping
/// windows (<see cref="WindowPlanner"/>) so that every text token is scored once with at least <see cref="IRowScorer.MinLeftContext"/>
/// tokens of left context, and the windows of all inputs run together in batches.
/// </summary>
internal static class WindowedScoring
{
    public static TokenScores[] Score(IRowScorer scorer, IReadOnlyList<ScoringInput> inputs, CancellationToken cancellationToken)
    {
        var results = new TokenScores[inputs.Count];
        var rows = new List<ScoreRow>();
        var windows = new List<ScoringWindow>();
        var pending = new (int[] Ids, TextSpan[] Spans, float[] Surprisal)[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ScoringInput input = inputs[i];
            (int[] textIds, TextSpan[] spans) = scorer.Encoder.Encode(input.Text);
            int[] prefixIds = string.IsNullOrEmpty(input.Prefix) ? [] : scorer.Encoder.EncodeIds(input.Prefix);
            int total = 1 + prefixIds.Length + textIds.Length;
            CheckLength(scorer, total, i);
            var surprisal = new float[textIds.Length];
            pending[i] = (textIds, spans, surprisal);
            if (textIds.Length == 0)
            {
                continue;
            }

            var ids = new int[total];
            ids[0] = scorer.BosTokenId;
            prefixIds.CopyTo(ids, 1);
            textIds.CopyTo(ids, 1 + prefixIds.Length);
            AddRows(scorer, ids, total, 1 + prefixIds.Length, surprisal, rows, windows);
        }

        scorer.RunRows(rows, cancellationToken);
        for (int i = 0; i < inputs.Count; i++)
        {
            results[i] = new TokenScores(inputs[i].Text, pending[i].Ids, pending[i].Spans, pending[i].Surprisal);
        }

        return results;
    }

    /// <summary>Adds the rows that score <c>ids[scoreFrom..)</c> into <paramref name="destination"/> (index 0 = token scoreFrom).</summary>
    public static void AddRows(IRowScorer scorer, int[] ids, int length, int scoreFrom, float[] destination, List<ScoreRow> rows, List<ScoringWindow> scratch)
    {
        scratch.Clear();
        WindowPlanner.Plan(length, scoreFrom, scorer.WindowSize, scorer.MinLeftContext, scratch);
        foreach (ScoringWindow w in scratch)
        {
            rows.Add(new ScoreRow(ids, w.Start, w.Length, w.ScoreFrom - w.Start, destination, w.ScoreFrom - scoreFrom));
        }
    }

    /// <summary>Scores <paramref name="ids"/> after the last <see cref="IRowScorer.WindowSize"/> tokens of <paramref name="history"/>, in windows.</summary>
    public static void RescoreTail(IRowScorer scorer, List<int> history, int[] ids, float[] destination, CancellationToken cancellationToken)
    {
        var rows = new List<ScoreRow>();
        AddTailRows(scorer, history, ids, destination, rows);
        scorer.RunRows(rows, cancellationToken);
    }

    /// <summary>Adds the rows that score <paramref name="ids"/> after the last <see cref="IRowScorer.WindowSize"/> tokens of <paramref name="history"/>.</summary>
    public static void AddTailRows(IRowScorer scorer, List<int> history, int[] ids, float[] destination, List<ScoreRow> rows)
    {
        int seen = Math.Min(history.Count, scorer.WindowSize);
        var all = new int[seen + ids.Length];
        history.CopyTo(history.Count - seen, all, 0, seen);
        ids.CopyTo(all, seen);
        AddRows(scorer, all, all.Length, seen, destination, rows, []);
    }

    private static void CheckLength(IRowScorer scorer, int tokens, int index)
    {
        if (tokens > scorer.MaxInputTokens)
        {
            throw new ScorerException(string.Create(CultureInfo.InvariantCulture, $"Input {index} has {tokens} tokens (begin token, prefix and text), more than MaxInputTokens = {scorer.MaxInputTokens}."));
        }
    }
}
