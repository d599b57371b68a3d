namespace Squeeze.Code;

/// <summary>The compressor's working state for one unit: its costs, score and what is kept of it.</summary>
internal sealed class UnitPlan
{
    public UnitPlan(CodeUnit unit, int index, int file, bool isLeaf, int leadingStart)
    {
        Unit = unit;
        Index = index;
        File = file;
        IsLeaf = isLeaf;
        LeadingStart = leadingStart;
    }

    public CodeUnit Unit { get; }

    public int Index { get; }

    public int File { get; }

    public bool IsLeaf { get; }

    public bool IsImport => Unit.Kind == CodeUnitKind.Import;

    public bool Ranked => IsLeaf && !IsImport;

    public int LeadingStart { get; }

    public bool Elidable { get; set; }

    /// <summary>Gets or sets a value indicating whether the query names the unit.</summary>
    public bool IsNamed { get; set; }

    public UnitState State { get; set; }

    public bool ForceDropped { get; set; }

    public double Score { get; set; }

    /// <summary>Gets or sets what the score was made of (with a query; default otherwise).</summary>
    public UnitSignals Signals { get; set; }

    public int FullCost { get; set; }

    public int BodyCost { get; set; }

    public int MarkerCost { get; set; }

    public int PartialCost { get; set; }

    public List<CodeBlock>? Blocks { get; set; }

    public bool[]? KeptBlocks { get; set; }

    public int SignatureCost => FullCost - BodyCost + MarkerCost;

    public int Cost(UnitState state) => state switch
    {
        UnitState.Full => FullCost,
        UnitState.Partial => PartialCost,
        UnitState.Signature => SignatureCost,
        _ => 0,
    };
}
