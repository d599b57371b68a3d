namespace Squeeze.Code;

/// <summary>How much of a leaf unit the compressed output keeps.</summary>
internal enum UnitState
{
    /// <summary>Nothing: the unit and its leading comments are replaced by the marker.</summary>
    Dropped,

    /// <summary>The signature (header and leading comments) with the body replaced by the marker.</summary>
    Signature,

    /// <summary>The signature and the blocks the fine stage chose.</summary>
    Partial,

    /// <summary>Everything.</summary>
    Full,
}
