using System.Numerics;

namespace G6.Summary.Bench.Harness;

/// <summary>
/// A log-linear histogram of durations in microseconds (the HdrHistogram layout, fixed size): values
/// below 128 µs have a bucket each; above, every power of two is split into 64 buckets, so a bucket is
/// at most 1/64 (1.6 %) of its values wide. 2,304 counters (18 KB) hold anything below 2^41 µs (25 days),
/// so a run of millions of events needs no list of samples. Not thread-safe: record from one thread
/// (see <see cref="ThreadLocalHistogram"/>) and <see cref="Merge"/> afterwards.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBucketBits = 6;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int LinearLimit = SubBuckets * 2;
    private const int FirstLogExponent = SubBucketBits + 1;
    private const int MaxExponent = 40;

    /// <summary>Largest value kept as is; larger values are counted at this value.</summary>
    public const long MaxTrackableMicros = (1L << (MaxExponent + 1)) - 1;

    private static readonly int BucketCount = LinearLimit + ((MaxExponent - FirstLogExponent + 1) * SubBuckets);

    private readonly long[] _counts = new long[BucketCount];

    public long Count { get; private set; }

    public long SumMicros { get; private set; }

    public long MaxMicros { get; private set; }

    /// <summary>Samples that were negative (receive before the stamp: clock skew) and recorded as 0.</summary>
    public long Negative { get; private set; }

    public void Record(long micros)
    {
        if (micros < 0)
        {
            Negative++;
            micros = 0;
        }

        micros = Math.Min(micros, MaxTrackableMicros);
        _counts[IndexOf(micros)]++;
        Count++;
        SumMicros += micros;
        MaxMicros = Math.Max(MaxMicros, micros);
    }

    public void RecordMilliseconds(double milliseconds) => Record((long)Math.Round(milliseconds * 1000));

    public void Merge(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        SumMicros += other.SumMicros;
        MaxMicros = Math.Max(MaxMicros, other.MaxMicros);
        Negative += other.Negative;
    }

    public double MeanMicros => Count == 0 ? 0 : (double)SumMicros / Count;

    /// <summary>
    /// The value at or below which <paramref name="percent"/> % of samples fall (nearest rank), given as
    /// its bucket's highest value, so it never understates; never above the true maximum.
    /// </summary>
    public long PercentileMicros(double percent)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percent / 100 * Count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(HighestEquivalent(i), MaxMicros);
            }
        }

        return MaxMicros;
    }

    /// <summary>The bucket a value falls in (public for the precision tests).</summary>
    public static int IndexOf(long micros)
    {
        if (micros < LinearLimit)
        {
            return (int)micros;
        }

        var exponent = 63 - BitOperations.LeadingZeroCount((ulong)micros);
        var shift = exponent - SubBucketBits;
        var sub = (int)(micros >> shift) - SubBuckets;
        return LinearLimit + ((exponent - FirstLogExponent) * SubBuckets) + sub;
    }

    /// <summary>The largest value that falls in bucket <paramref name="index"/>.</summary>
    public static long HighestEquivalent(int index)
    {
        if (index < LinearLimit)
        {
            return index;
        }

        var exponent = FirstLogExponent + ((index - LinearLimit) / SubBuckets);
        var sub = (index - LinearLimit) % SubBuckets;
        var shift = exponent - SubBucketBits;
        return ((long)(SubBuckets + sub) << shift) + (1L << shift) - 1;
    }
}
