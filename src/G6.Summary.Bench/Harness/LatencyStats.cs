namespace G6.Summary.Bench.Harness;

/// <summary>A distribution in milliseconds, from a <see cref="LatencyHistogram"/> (values at 1.6 % precision).</summary>
public sealed record LatencyStats(long Count, double? Mean, double? P50, double? P90, double? P99, double? P999, double? Max, long Negative)
{
    public static LatencyStats From(LatencyHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (histogram.Count == 0)
        {
            return new LatencyStats(0, null, null, null, null, null, null, histogram.Negative);
        }

        static double Ms(long micros) => Math.Round(micros / 1000.0, 3);
        return new LatencyStats(
            histogram.Count,
            Math.Round(histogram.MeanMicros / 1000.0, 3),
            Ms(histogram.PercentileMicros(50)),
            Ms(histogram.PercentileMicros(90)),
            Ms(histogram.PercentileMicros(99)),
            Ms(histogram.PercentileMicros(99.9)),
            Ms(histogram.MaxMicros),
            histogram.Negative);
    }
}
