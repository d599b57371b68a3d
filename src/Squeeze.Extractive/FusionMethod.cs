namespace Squeeze.Extractive;

/// <summary>How <see cref="FusedRelevanceScorer"/> combines its scorers.</summary>
public enum FusionMethod
{
    /// <summary>Reciprocal-rank fusion: each scorer adds weight / (k + rank), so only the order of its scores matters.</summary>
    ReciprocalRank,

    /// <summary>Weighted sum of each scorer's scores after min-max normalisation to [0, 1].</summary>
    Weighted,
}
