namespace Squeeze.Tuning;

/// <summary>The outcome of tuning one method: every ratio measured and the highest safe one.</summary>
/// <param name="Method">The method's name.</param>
/// <param name="Measurements">One measurement per ratio tried, in ascending ratio order.</param>
/// <param name="BestRatio">The highest ratio at which this and every lower ratio kept the retention's lower bound at or above the bar; <see langword="null"/> if none did.</param>
public sealed record TuningResult(string Method, IReadOnlyList<RatioMeasurement> Measurements, double? BestRatio);
