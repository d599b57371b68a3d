namespace Squeeze.TokenPruning;

/// <summary>What a <see cref="MarkupRegion"/> asks for.</summary>
public enum MarkupRegionKind
{
    /// <summary><c>&lt;squeeze keep&gt;</c>: keep the content verbatim.</summary>
    Keep,

    /// <summary><c>&lt;squeeze rate="r"&gt;</c>: keep about the fraction r of the content's tokens.</summary>
    Rate,
}
