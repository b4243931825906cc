using System.Text.Json.Serialization;

namespace G6.Summary.Bench.Harness;

/// <summary>One step of a scenario: a fresh server, its idle CPU, then one harness run against it.</summary>
/// <param name="Kind"><c>flow</c> (events at the scenario's rate) or <c>idle</c> (no events: memory per open stream).</param>
/// <param name="ServerIdleCpuPercent">The server's CPU (% of a core) with no stream open, before the run.</param>
/// <param name="CpuOverIdlePercent">The server's CPU in the window minus its idle CPU.</param>
/// <param name="CpuMsPer1000EventsOverIdle">That excess CPU per 1,000 delivered events.</param>
/// <param name="DeliveryRatio">Median events/s per stream over the scenario's rate (1 = every event).</param>
/// <param name="ServerCounters">A few of the server's own counters at the end of the run (<see cref="Harness.ServerCounters"/>).</param>
/// <param name="Encoding">What the streams asked for (<see cref="ScenarioOptions.Encodings"/>).</param>
public sealed record ScenarioStep(
    string Name,
    string Kind,
    int Streams,
    double? ServerIdleCpuPercent,
    double? CpuOverIdlePercent,
    [property: JsonPropertyName("cpu_ms_per_1000_events_over_idle")] double? CpuMsPer1000EventsOverIdle,
    double? DeliveryRatio,
    BenchReport Report,
    IReadOnlyDictionary<string, long>? ServerCounters = null,
    string Encoding = ScenarioOptions.Identity);
