namespace G6.Summary.Snapshot;

/// <summary>Collection throughput figures (flat schema).</summary>
public sealed record PerformanceInfo
{
    public static PerformanceInfo Empty { get; } = new();

    public long? OptionsLastCycle { get; init; }

    public double? OptionsPerMinute { get; init; }

    /// <summary>Percent of provider API calls that succeeded, 0–100.</summary>
    public double? ApiSuccessRatePct { get; init; }
}
