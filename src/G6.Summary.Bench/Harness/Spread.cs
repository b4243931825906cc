namespace G6.Summary.Bench.Harness;

/// <summary>Smallest, median and largest of one figure over several streams.</summary>
public sealed record Spread(double Min, double Median, double Max)
{
    /// <summary>Null when there are no values.</summary>
    public static Spread? Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? null : new Spread(sorted[0], BenchRunner.Median(sorted), sorted[^1]);
    }
}
