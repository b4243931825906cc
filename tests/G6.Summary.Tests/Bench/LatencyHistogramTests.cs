using G6.Summary.Bench.Harness;

namespace G6.Summary.Tests.Bench;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void IndexOf_EveryValue_FallsInABucketWhoseHighestValueCoversItWithinOnePointSixPercent()
    {
        var previous = -1;
        foreach (var value in Values())
        {
            var index = LatencyHistogram.IndexOf(value);
            var highest = LatencyHistogram.HighestEquivalent(index);
            Assert.True(index >= previous, $"index went back at {value}");
            Assert.InRange(highest, value, value + Math.Max(0, value / 64));
            previous = index;
        }
    }

    [Fact]
    public void PercentileMicros_UniformOneToTenThousand_NearestRankWithinPrecision()
    {
        var histogram = new LatencyHistogram();
        for (var v = 1; v <= 10_000; v++)
        {
            histogram.Record(v);
        }

        Assert.Equal(10_000, histogram.Count);
        Assert.Equal(5000.5, histogram.MeanMicros);
        Assert.Equal(10_000, histogram.MaxMicros);
        AssertNear(5000, histogram.PercentileMicros(50));
        AssertNear(9000, histogram.PercentileMicros(90));
        AssertNear(9900, histogram.PercentileMicros(99));
        AssertNear(9990, histogram.PercentileMicros(99.9));
        Assert.Equal(10_000, histogram.PercentileMicros(100));
    }

    [Fact]
    public void PercentileMicros_SmallValues_AreExact()
    {
        var histogram = new LatencyHistogram();
        foreach (var v in new long[] { 3, 1, 2, 100, 7 })
        {
            histogram.Record(v);
        }

        Assert.Equal(1, histogram.PercentileMicros(0));
        Assert.Equal(3, histogram.PercentileMicros(50));
        Assert.Equal(100, histogram.PercentileMicros(99));
    }

    [Fact]
    public void PercentileMicros_NeverAboveTheMaximum()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(1_000_001);
        Assert.Equal(1_000_001, histogram.PercentileMicros(99.9));
    }

    [Fact]
    public void Record_NegativeAndHuge_AreCountedAndClamped()
    {
        var histogram = new LatencyHistogram();
        histogram.RecordMilliseconds(-2.5);
        histogram.Record(long.MaxValue);

        Assert.Equal(1, histogram.Negative);
        Assert.Equal(2, histogram.Count);
        Assert.Equal(0, histogram.PercentileMicros(50));
        Assert.Equal(LatencyHistogram.MaxTrackableMicros, histogram.MaxMicros);
    }

    [Fact]
    public void Merge_EqualsRecordingEverythingInOne()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        var all = new LatencyHistogram();
        for (var v = 0; v < 5000; v += 7)
        {
            (v % 2 == 0 ? a : b).Record(v * 13);
            all.Record(v * 13);
        }

        a.Merge(b);
        Assert.Equal(all.Count, a.Count);
        Assert.Equal(all.SumMicros, a.SumMicros);
        Assert.Equal(all.MaxMicros, a.MaxMicros);
        foreach (var p in new[] { 50, 90, 99, 99.9 })
        {
            Assert.Equal(all.PercentileMicros(p), a.PercentileMicros(p));
        }
    }

    [Fact]
    public void LatencyStats_From_ConvertsToMilliseconds_AndEmptyHasNoFigures()
    {
        var histogram = new LatencyHistogram();
        Assert.Null(LatencyStats.From(histogram).P99);

        histogram.RecordMilliseconds(1.5);
        var stats = LatencyStats.From(histogram);
        Assert.Equal(1, stats.Count);
        Assert.Equal(1.5, stats.Mean);
        Assert.Equal(1.5, stats.Max);
        Assert.InRange(stats.P99!.Value, 1.5, 1.53);
    }

    [Fact]
    public void ThreadLocalHistogram_Merge_CollectsEveryThread()
    {
        using var histograms = new ThreadLocalHistogram();
        Parallel.For(0, 1000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => histograms.Current.Record(i));
        var merged = histograms.Merge();
        Assert.Equal(1000, merged.Count);
        Assert.Equal(999 * 1000 / 2, merged.SumMicros);
    }

    private static void AssertNear(long expected, long actual) =>
        Assert.InRange(actual, expected, expected + (expected / 64) + 1);

    private static IEnumerable<long> Values()
    {
        for (long v = 0; v < 5000; v++)
        {
            yield return v;
        }

        for (long v = 5000; v < LatencyHistogram.MaxTrackableMicros; v = (v * 11 / 10) + 1)
        {
            yield return v;
        }

        yield return LatencyHistogram.MaxTrackableMicros;
    }
}
