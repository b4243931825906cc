namespace G6.Summary.Snapshot;

/// <summary>The platform's collection loop.</summary>
public sealed record LoopInfo
{
    public static LoopInfo Empty { get; } = new();

    public long? Cycle { get; init; }

    public DateTimeOffset? LastRun { get; init; }

    /// <summary>Seconds until the next run (nested <c>next_run_in_sec</c>).</summary>
    public double? NextRunInSec { get; init; }

    /// <summary>Seconds the loop slept after the last run (flat <c>sleep_sec</c>).</summary>
    public double? SleepSec { get; init; }

    public double? AvgCycleMs { get; init; }

    public double? P95CycleMs { get; init; }

    /// <summary>Duration of the last cycle in seconds (nested <c>last_duration</c>, flat <c>elapsed</c>).</summary>
    public double? LastDurationSec { get; init; }

    /// <summary>Percent of successful cycles, 0–100.</summary>
    public double? SuccessRatePct { get; init; }

    public double? TargetIntervalSec { get; init; }
}
