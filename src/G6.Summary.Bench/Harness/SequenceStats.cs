namespace G6.Summary.Bench.Harness;

/// <summary>Continuity of <c>seq</c> over every stream (see <see cref="StreamRecorder"/> for the rules).</summary>
/// <param name="Tracked">Streams that had a baseline seq (their server sends one).</param>
/// <param name="Gaps">Missed events, summed over streams.</param>
/// <param name="Resnapshots">full_snapshots after the first: the server dropped a stream's backlog.</param>
/// <param name="SkippedBySnapshot">Events those re-snapshots stood in for.</param>
public sealed record SequenceStats(
    int Tracked,
    long Gaps,
    int StreamsWithGaps,
    long Duplicates,
    int StreamsWithDuplicates,
    long CoalescedEvents,
    long Resnapshots,
    long SkippedBySnapshot);
