namespace Squeeze.Fuzz;

/// <summary>
/// The fuzz targets, shared by the fuzzing console (fuzz/Squeeze.Fuzz) and the corpus replay tests (tests/Squeeze.Fuzz.Tests).
/// A target returns normally for a good result, throws <see cref="FuzzInvariantException"/> when a guarantee is broken, and lets any
/// undocumented exception escape (a crash for the fuzzer).
/// </summary>
public static class FuzzTargets
{
    private static readonly Lazy<ModelTarget> _model = new(() => new ModelTarget(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Gets the target names, one per parser.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [SegmenterTarget.Name, MarkupTarget.Name, UnigramTarget.Name, CodeTarget.Name, ModelTarget.Name, CliTarget.Name];

    /// <summary>Gets the action that runs a target on one input.</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <returns>The action.</returns>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static FuzzAction Get(string name) => name switch
    {
        SegmenterTarget.Name => SegmenterTarget.Run,
        MarkupTarget.Name => MarkupTarget.Run,
        UnigramTarget.Name => UnigramTarget.Run,
        CodeTarget.Name => CodeTarget.Run,
        ModelTarget.Name => data => _model.Value.Run(data),
        CliTarget.Name => CliTarget.Run,
        _ => throw new ArgumentException($"Unknown target '{name}'; known: {string.Join(", ", Names)}.", nameof(name)),
    };

    /// <summary>Runs a target on one input.</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <param name="data">The input bytes.</param>
    public static void Run(string name, ReadOnlySpan<byte> data) => Get(name)(data);
}
