namespace G6.Summary.Bench.Harness;

/// <summary>What the streams received: all events by type, and the rates over the measurement window.</summary>
/// <param name="WindowEvents">Events (besides hello and full_snapshot) received in the window.</param>
/// <param name="PerSecPerStreamMedian">Median over connected streams of each stream's window events per second.</param>
public sealed record EventStats(
    long Total,
    IReadOnlyDictionary<string, long> ByType,
    long WindowEvents,
    double PerSecTotal,
    double PerSecPerStreamMedian,
    double PerSecPerStreamMin,
    long ParseErrors);
