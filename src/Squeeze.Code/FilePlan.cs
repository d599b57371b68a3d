namespace Squeeze.Code;

/// <summary>The compressor's working state for one file: its units, whether it is shown at all, and its rendered result.</summary>
internal sealed class FilePlan
{
    public FilePlan(ParsedCode code, UnitPlan[] units, bool canClose)
    {
        Code = code;
        Units = units;
        CanClose = canClose;
        Marker = ElisionMarkers.For(code.Language);
        Children = new List<int>[units.Length];
        for (int i = 0; i < units.Length; i++)
        {
            int parent = units[i].Unit.Parent;
            if (parent < 0)
            {
                TopLevel.Add(i);
            }
            else
            {
                (Children[parent] ??= []).Add(i);
            }
        }
    }

    public ParsedCode Code { get; }

    public UnitPlan[] Units { get; }

    public List<int>?[] Children { get; }

    public List<int> TopLevel { get; } = [];

    public string Marker { get; }

    /// <summary>Gets a value indicating whether the whole file may be left out when none of its units is kept (repository mode).</summary>
    public bool CanClose { get; }

    public bool ForceClosed { get; set; }

    /// <summary>Gets or sets the token allowance of a file cut to a prefix as the last resort, or -1.</summary>
    public int TruncateTo { get; set; } = -1;

    public int Overhead { get; set; }

    /// <summary>Gets the starts of the free-standing comments the refill brought back (all others are left out).</summary>
    public HashSet<int> KeptGaps { get; } = [];

    public bool Dirty { get; set; } = true;

    public CompressedText? Result { get; set; }

    public int Tokens { get; set; }

    public int TokensBefore { get; set; }

    public double BestScore { get; set; } = double.NegativeInfinity;

    public bool IsOpen
    {
        get
        {
            if (ForceClosed)
            {
                return false;
            }

            if (!CanClose)
            {
                return true;
            }

            foreach (UnitPlan unit in Units)
            {
                if (unit.Ranked && unit.State != UnitState.Dropped)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
