namespace Squeeze.Scoring;

/// <summary>
/// One row of a batch: the model reads <c>Ids[Start..Start+Length)</c>; the surprisal of row positions
/// <c>[ScoreFrom, Length)</c> is written to <c>Destination[DestinationOffset..]</c>.
/// </summary>
internal readonly record struct ScoreRow(int[] Ids, int Start, int Length, int ScoreFrom, float[] Destination, int DestinationOffset);
