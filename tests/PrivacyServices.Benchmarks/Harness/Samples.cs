namespace PrivacyServices.Benchmarks.Harness;

/// <summary>Timings of repeated calls, in microseconds, and their order statistics.</summary>
public sealed class Samples
{
    private readonly List<double> _values = new();

    public int Count => _values.Count;

    public void Add(double microseconds) => _values.Add(microseconds);

    public void AddRange(IEnumerable<double> microseconds) => _values.AddRange(microseconds);

    public double Median => Percentile(0.50);

    public double P95 => Percentile(0.95);

    public double Mean => _values.Count == 0 ? double.NaN : _values.Average();

    /// <summary>Nearest-rank percentile.</summary>
    public double Percentile(double fraction)
    {
        if (_values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = _values.OrderBy(v => v).ToArray();
        var rank = (int)Math.Ceiling(fraction * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double TicksToMicroseconds(long stopwatchTicks) => stopwatchTicks * 1_000_000.0 / System.Diagnostics.Stopwatch.Frequency;
}
