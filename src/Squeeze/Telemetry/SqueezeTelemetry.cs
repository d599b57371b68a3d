using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Squeeze.Telemetry;

/// <summary>The <see cref="ActivitySource"/> and <see cref="Meter"/> named "Squeeze", and the instruments Squeeze records.</summary>
internal static class SqueezeTelemetry
{
    public const string Name = "Squeeze";

    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly Meter Meter = new(Name);

    public static readonly Histogram<int> InputTokens = Meter.CreateHistogram<int>("squeeze.compression.input_tokens", "{token}", "Target tokens of the conversation before compression.");

    public static readonly Histogram<int> OutputTokens = Meter.CreateHistogram<int>("squeeze.compression.output_tokens", "{token}", "Target tokens of the conversation after compression.");

    public static readonly Histogram<double> Ratio = Meter.CreateHistogram<double>("squeeze.compression.ratio", "1", "Input tokens over output tokens.");

    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("squeeze.compression.duration", "s", "Time spent compressing a request.");

    public static readonly Counter<long> Failures = Meter.CreateCounter<long>("squeeze.compression.failures", "{failure}", "Compressions that failed; tagged with error.type and squeeze.outcome (passthrough or thrown).");
}
