using HdrHistogram;

namespace Parley.Client.Bench;

/// <summary>Latency percentiles in milliseconds (from a histogram in microseconds); all 0 when nothing arrived.</summary>
public sealed record LatencySummary(long Count, double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs, double MeanMs)
{
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0, 0, 0);

    public static LatencySummary From(HistogramBase microseconds)
    {
        ArgumentNullException.ThrowIfNull(microseconds);
        if (microseconds.TotalCount == 0)
        {
            return Empty;
        }

        static double Ms(long us) => us / 1000.0;
        return new LatencySummary(
            microseconds.TotalCount,
            Ms(microseconds.GetValueAtPercentile(50)),
            Ms(microseconds.GetValueAtPercentile(90)),
            Ms(microseconds.GetValueAtPercentile(99)),
            Ms(microseconds.GetValueAtPercentile(99.9)),
            Ms(microseconds.GetMaxValue()),
            microseconds.GetMean() / 1000.0);
    }
}
