namespace Squeeze.Scoring;

/// <summary>What a scoring graph outputs.</summary>
internal enum GraphOutputKind
{
    /// <summary>A Squeeze surprisal graph: <c>surprisal</c> [batch, seq] in nats, position 0 = 0.</summary>
    Surprisal,

    /// <summary>A plain causal-LM graph: <c>logits</c> [batch, seq, vocab].</summary>
    Logits,
}
