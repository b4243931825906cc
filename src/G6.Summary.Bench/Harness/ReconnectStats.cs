namespace G6.Summary.Bench.Harness;

/// <summary>
/// What reconnecting streams met (<see cref="BenchOptions.Reconnect"/>): gaps across reconnects are in
/// <see cref="SequenceStats.Gaps"/>, since the seq count goes on through them.
/// </summary>
/// <param name="Attempts">Connects started again after a stream ended or failed.</param>
/// <param name="StreamsReconnected">Streams that ended at least once and were reopened.</param>
/// <param name="StreamsWaiting">Streams ended and not reopened by the end of the run.</param>
/// <param name="Resumed">Reopens answered with <c>hello</c> <c>resumed: true</c> (no full snapshot).</param>
/// <param name="FullSnapshots">Reopens answered with a full snapshot instead.</param>
/// <param name="EpochChanges">Reopens that found a new epoch.</param>
/// <param name="AllReopenedMs">From the first stream's end to the last stream's reopen (null when none reopened).</param>
public sealed record ReconnectStats(
    long Attempts,
    int StreamsReconnected,
    int StreamsWaiting,
    long Resumed,
    long FullSnapshots,
    long EpochChanges,
    double? AllReopenedMs)
{
    public static ReconnectStats From(IReadOnlyList<StreamRecorder> recorders)
    {
        ArgumentNullException.ThrowIfNull(recorders);
        var firstEnd = recorders.Min(r => r.FirstDisconnectedAtMs);
        var lastReopen = recorders.Max(r => r.LastReopenedAtMs);
        return new ReconnectStats(
            recorders.Sum(r => (long)r.ReconnectAttempts),
            recorders.Count(r => r.LastReopenedAtMs is not null),
            recorders.Count(r => r.DisconnectedAtMs is not null),
            recorders.Sum(r => (long)r.Resumes),
            recorders.Sum(r => (long)r.ReconnectSnapshots),
            recorders.Sum(r => (long)r.EpochChanges),
            firstEnd is { } start && lastReopen is { } end ? Math.Round(end - start, 1) : null);
    }
}
