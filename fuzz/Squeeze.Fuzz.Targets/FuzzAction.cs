namespace Squeeze.Fuzz;

/// <summary>Runs one fuzz target on one input.</summary>
/// <param name="data">The input bytes.</param>
public delegate void FuzzAction(ReadOnlySpan<byte> data);
