namespace Squeeze.Scoring;

/// <summary>
/// A causal language model that scores batches of <see cref="ScoreRow"/>s: the part a backend (ONNX Runtime, a GPU forward pass)
/// provides, under the shared tokenization, windowing and stitching of <see cref="WindowedScoring"/>.
/// </summary>
internal interface IRowScorer
{
    TextEncoder Encoder { get; }

    int BosTokenId { get; }

    int WindowSize { get; }

    int MinLeftContext { get; }

    int MaxInputTokens { get; }

    /// <summary>Scores every row, writing into its destination.</summary>
    void RunRows(List<ScoreRow> rows, CancellationToken cancellationToken);
}
