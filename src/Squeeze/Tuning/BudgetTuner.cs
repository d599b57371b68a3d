namespace Squeeze.Tuning;

/// <summary>
/// Finds, for a compression method, the highest ratio whose answer retention on the user's own tasks stays above a bar,
/// judged by the Wilson score lower confidence bound (so one lucky run does not pass).
/// </summary>
public sealed class BudgetTuner
{
    private readonly ITokenCounter _counter;

    /// <summary>Initializes a new tuner.</summary>
    /// <param name="counter">The target model's token counter.</param>
    public BudgetTuner(ITokenCounter counter)
    {
        ArgumentNullException.ThrowIfNull(counter);
        _counter = counter;
    }

    /// <summary>Gets or sets the ratios to try.</summary>
    /// <value>The default is 1.5, 2, 3, 4, 6, 8, 10, 15, 20.</value>
    public IReadOnlyList<double> Ratios { get; set; } = [1.5, 2, 3, 4, 6, 8, 10, 15, 20];

    /// <summary>Gets or sets the one-sided confidence of the lower bound.</summary>
    /// <value>The default is 0.9.</value>
    public double Confidence
    {
        get;
        set => field = value is > 0.5 and < 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Confidence must be between 0.5 and 1.");
    } = 0.9;

    /// <summary>Measures <paramref name="method"/> at every ratio and picks the highest safe one.</summary>
    /// <param name="method">The method.</param>
    /// <param name="tasks">The tasks.</param>
    /// <param name="minRetention">The bar, between 0 and 1.</param>
    /// <param name="cancellationToken">A token to cancel tuning.</param>
    /// <returns>The measurements and the best ratio.</returns>
    public async Task<TuningResult> TuneAsync(ISegmentCompressor method, IReadOnlyList<TuningTask> tasks, double minRetention, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(tasks);
        if (tasks.Count == 0)
        {
            throw new ArgumentException("At least one task is needed.", nameof(tasks));
        }

        if (minRetention is <= 0 or > 1 || double.IsNaN(minRetention))
        {
            throw new ArgumentOutOfRangeException(nameof(minRetention), minRetention, "The minimum retention must be in (0, 1].");
        }

        var sizes = new int[tasks.Count];
        for (int t = 0; t < tasks.Count; t++)
        {
            sizes[t] = _counter.CountTokens(tasks[t].Context);
        }

        double z = InverseNormal(Confidence);
        var measurements = new List<RatioMeasurement>();
        double? best = null;
        bool stillSafe = true;
        var ratios = new List<double>(Ratios);
        ratios.Sort();
        foreach (double ratio in ratios)
        {
            int retained = 0;
            double achieved = 0;
            for (int t = 0; t < tasks.Count; t++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int budget = CompressionBudget.FromRatio(ratio).Resolve(sizes[t]);
                var request = new SegmentCompressionRequest(tasks[t].Context, budget, _counter) { Query = tasks[t].Question };
                CompressedText result = await method.CompressAsync(request, cancellationToken).ConfigureAwait(false);
                retained += tasks[t].IsAnswerRetained(result.Text) ? 1 : 0;
                achieved += (double)sizes[t] / Math.Max(1, _counter.CountTokens(result.Text));
            }

            double lower = WilsonLowerBound(retained, tasks.Count, z);
            measurements.Add(new RatioMeasurement(ratio, retained, tasks.Count, lower, achieved / tasks.Count));
            stillSafe &= lower >= minRetention;
            if (stillSafe)
            {
                best = ratio;
            }
        }

        return new TuningResult(method.Name, measurements, best);
    }

    /// <summary>The Wilson score interval's lower end for <paramref name="successes"/> out of <paramref name="n"/>.</summary>
    internal static double WilsonLowerBound(int successes, int n, double z)
    {
        if (n == 0)
        {
            return 0;
        }

        double p = (double)successes / n;
        double z2 = z * z;
        double centre = p + (z2 / (2 * n));
        double margin = z * Math.Sqrt((p * (1 - p) / n) + (z2 / (4.0 * n * n)));
        return (centre - margin) / (1 + (z2 / n));
    }

    /// <summary>The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9).</summary>
    internal static double InverseNormal(double p)
    {
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425;
        if (p < low)
        {
            double q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }

        if (p > 1 - low)
        {
            return -InverseNormal(1 - p);
        }

        double r = p - 0.5;
        double s = r * r;
        return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
    }
}
