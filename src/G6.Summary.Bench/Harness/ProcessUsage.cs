using System.Text.Json.Serialization;

namespace G6.Summary.Bench.Harness;

/// <summary>
/// A process's CPU and memory over a run: before the first connect, when measuring began (all streams
/// connected and warmed up) and when it ended. CPU % is of one core (200 % is both cores of a 2-core machine).
/// </summary>
/// <param name="RssGrowthBytes">Resident memory when measuring began minus before connecting.</param>
/// <param name="RssGrowthPerStreamBytes"><see cref="RssGrowthBytes"/> over the connected streams.</param>
public sealed record ProcessUsage(
    int Pid,
    ProcessSample? Before,
    ProcessSample? MeasureStart,
    ProcessSample? MeasureEnd,
    double? WindowCpuSeconds,
    double? WindowCpuPercent,
    [property: JsonPropertyName("cpu_ms_per_1000_events")] double? CpuMsPer1000Events,
    long? RssGrowthBytes,
    double? RssGrowthPerStreamBytes)
{
    public static ProcessUsage From(int pid, ProcessSample? before, ProcessSample? start, ProcessSample? end, int connected, long windowEvents)
    {
        double? cpu = start is not null && end is not null ? end.CpuSeconds - start.CpuSeconds : null;
        double? wallSec = start is not null && end is not null ? (end.AtMs - start.AtMs) / 1000 : null;
        long? growth = before is not null && start is not null ? start.RssBytes - before.RssBytes : null;
        return new ProcessUsage(
            pid,
            before,
            start,
            end,
            cpu,
            cpu is { } c && wallSec is > 0 ? Math.Round(c / wallSec.Value * 100, 2) : null,
            cpu is { } c2 && windowEvents > 0 ? Math.Round(c2 * 1000 / (windowEvents / 1000.0), 3) : null,
            growth,
            growth is { } g && connected > 0 ? Math.Round((double)g / connected, 1) : null);
    }
}
