namespace G6.Summary.Bench.Harness;

/// <summary>How the streams connected and ended.</summary>
/// <param name="ClosedEarly">Streams that opened but ended before the run stopped them.</param>
public sealed record ClientStats(
    int Requested,
    int Connected,
    int Failed,
    IReadOnlyDictionary<string, int> FailuresByCause,
    int ClosedEarly,
    IReadOnlyDictionary<string, int> ClosedEarlyByCause,
    LatencyStats TimeToHelloMs,
    LatencyStats TimeToFullSnapshotMs);
