using System.Diagnostics;

namespace Squeeze.Scoring.Gpu;

/// <summary>
/// Time per operation of <see cref="LlamaForward"/>, for the benchmarks: while a profile is attached, the forward pass waits for the
/// device after every operation (which slows it) and adds the elapsed time to that operation's total.
/// </summary>
internal sealed class ForwardProfile
{
    private readonly List<string> _order = [];
    private readonly Dictionary<string, (double Ms, long Calls)> _totals = [];
    private long _mark;

    /// <summary>Gets the number of forward passes profiled.</summary>
    public int Passes { get; private set; }

    /// <summary>Gets the operations in the order first seen, with their total milliseconds and calls.</summary>
    public IEnumerable<(string Operation, double Ms, long Calls)> Totals
    {
        get
        {
            foreach (string op in _order)
            {
                (double ms, long calls) = _totals[op];
                yield return (op, ms, calls);
            }
        }
    }

    internal void Start()
    {
        Passes++;
        _mark = Stopwatch.GetTimestamp();
    }

    internal void Add(string operation)
    {
        long now = Stopwatch.GetTimestamp();
        double ms = Stopwatch.GetElapsedTime(_mark, now).TotalMilliseconds;
        _mark = now;
        if (!_totals.TryGetValue(operation, out (double Ms, long Calls) total))
        {
            _order.Add(operation);
        }

        _totals[operation] = (total.Ms + ms, total.Calls + 1);
    }
}
