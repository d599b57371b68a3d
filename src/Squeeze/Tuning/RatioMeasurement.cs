namespace Squeeze.Tuning;

/// <summary>How one method did at one compression ratio.</summary>
/// <param name="Ratio">The requested ratio.</param>
/// <param name="Retained">Tasks whose answers all survived.</param>
/// <param name="Total">Tasks run.</param>
/// <param name="LowerBound">The Wilson score lower confidence bound of the retention.</param>
/// <param name="AchievedRatio">Mean input tokens over output tokens actually achieved.</param>
public sealed record RatioMeasurement(double Ratio, int Retained, int Total, double LowerBound, double AchievedRatio)
{
    /// <summary>Gets the share of tasks whose answers survived.</summary>
    public double Retention => Total == 0 ? 0 : (double)Retained / Total;
}
