namespace G6.Summary.Bench.Harness;

/// <summary>What one stall step measured.</summary>
/// <param name="Stalled">Readers that stalled (asked).</param>
/// <param name="Opened">Of those, how many got their opening snapshot and stalled.</param>
/// <param name="Resnapshotted">Of those, how many got a fresh <c>full_snapshot</c> after resuming (the rest caught up event by event).</param>
/// <param name="Current">Of those, how many were current again in time (fresh snapshot, or an event published after the resume).</param>
/// <param name="StallHeldSec">How long the stall lasted (shorter than asked when the TCP memory guard ended it).</param>
/// <param name="GuardHit">True when the machine's TCP memory reached the guard and the stall was ended early.</param>
/// <param name="PublishedDuringStall">Events the server published between the stall's start and its end.</param>
/// <param name="StaleEvents">Per stalled reader: events published before the resume that arrived after it, until the stream was current.</param>
/// <param name="StaleDataBytes">Their data bytes, per stalled reader.</param>
/// <param name="SkippedBySnapshot">Per stalled reader: events the fresh snapshot stood for (the backlog the server dropped).</param>
/// <param name="ResumeToCurrentMs">Per stalled reader: from resuming until current again.</param>
/// <param name="StalledGaps">Seq gaps on stalled streams that no snapshot explains (should be 0).</param>
/// <param name="StalledEndCauses">Stalled streams that ended before the run let them go, by cause.</param>
/// <param name="HealthyGaps">Events the healthy reader beside them missed (should be 0).</param>
/// <param name="HealthyLatencyMs">The healthy reader's dispatch latency over the whole step.</param>
/// <param name="MeanEventDataBytes">The mean data bytes of the <c>panel_update</c>s the healthy reader got.</param>
/// <param name="TcpMemPagesBefore">Machine's TCP memory (pages) before any stream opened.</param>
/// <param name="TcpMemPagesOpened">Once every stream had its opening (each stalls as soon as it has, so the first are full by then).</param>
/// <param name="TcpMemPagesPeak">The largest sample during the stall (every 250 ms).</param>
/// <param name="TcpMemPerStalledStreamBytes">
/// (peak − before) × page size over the stalled readers: both ends of each stalled connection (the
/// server's send queue and the reader's small receive queue), as the kernel counts them on loopback.
/// Meaningless for a single stream: the kernel counts TCP memory in per-CPU batches of up to 1 MB.
/// </param>
/// <param name="ServerEventsDropped">The server's <c>g6_sse_http_events_dropped_total</c> at the end.</param>
/// <param name="ServerSlowDisconnects">The server's <c>g6_sse_http_slow_disconnects_total</c> at the end (should be 0).</param>
/// <param name="ServerWriteWaits">The server's <c>g6_sse_http_write_waits_total</c>: writes that found a socket full.</param>
public sealed record StallResult(
    int Stalled,
    int Opened,
    int Resnapshotted,
    int Current,
    double StallHeldSec,
    bool GuardHit,
    long PublishedDuringStall,
    Spread? StaleEvents,
    Spread? StaleDataBytes,
    Spread? SkippedBySnapshot,
    Spread? ResumeToCurrentMs,
    long StalledGaps,
    IReadOnlyDictionary<string, int> StalledEndCauses,
    long HealthyEvents,
    long HealthyGaps,
    long HealthyResnapshots,
    LatencyStats HealthyLatencyMs,
    double? MeanEventDataBytes,
    long? TcpMemPagesBefore,
    long? TcpMemPagesOpened,
    long? TcpMemPagesPeak,
    double? TcpMemPerStalledStreamBytes,
    long? ServerEventsDropped,
    long? ServerSlowDisconnects,
    long? ServerWriteWaits);
