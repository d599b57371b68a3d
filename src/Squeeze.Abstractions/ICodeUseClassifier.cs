namespace Squeeze;

/// <summary>
/// Estimates, for units of code (functions, types, statements), how likely the code that a query describes is to use each
/// one: call it, construct it, read it. Code compression ranks units with it next to its lexical and call-graph signals.
/// </summary>
/// <remarks>Implementations must be thread-safe: one classifier is shared by concurrent requests.</remarks>
public interface ICodeUseClassifier
{
    /// <summary>Gets a name for the classifier and its model, shown in reports.</summary>
    string Name { get; }

    /// <summary>Classifies each unit against the query.</summary>
    /// <param name="query">What the code is for: a question, an instruction, or a function's doc comment and signature.</param>
    /// <param name="units">The units' source texts.</param>
    /// <param name="cancellationToken">A token to cancel classification.</param>
    /// <returns>One log-odds per unit, in order: above 0 when the unit is more likely used than not.</returns>
    Task<float[]> ClassifyAsync(string query, IReadOnlyList<string> units, CancellationToken cancellationToken = default);
}
