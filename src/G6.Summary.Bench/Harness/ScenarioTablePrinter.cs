using System.Globalization;

namespace G6.Summary.Bench.Harness;

/// <summary>The readable summary of a scenario: one line per step, then the targets.</summary>
public static class ScenarioTablePrinter
{
    public static void Print(ScenarioReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scenario {report.StartedAt:yyyy-MM-dd HH:mm}Z, {report.Build} build, {report.Machine.Cpus} CPUs ({report.Machine.CpuModel}), load {report.Machine.LoadAverage:0.00} at start, {report.RatePerSec:0.##} events/s, {report.TotalSec:0} s"));
        output.WriteLine("| step | streams | connected | events/s per stream (median) | gaps | p50 ms | p99 ms | p99.9 ms | max ms | server CPU % (idle) | CPU ms / 1,000 events over idle | server RSS per stream | wire bytes / event | harness CPU % |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var step in report.Steps)
        {
            var r = step.Report;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {step.Name} | {step.Streams:N0} | {r.Clients.Connected:N0} | {r.Events.PerSecPerStreamMedian:0.00} | {r.Sequence.Gaps + r.Sequence.SkippedBySnapshot:N0} | {N(r.LatencyMs.P50)} | {N(r.LatencyMs.P99)} | {N(r.LatencyMs.P999)} | {N(r.LatencyMs.Max)} | {N(r.Server?.WindowCpuPercent, "0.0")} ({N(step.ServerIdleCpuPercent, "0.0")}) | {N(step.CpuMsPer1000EventsOverIdle)} | {N(r.Server?.RssGrowthPerStreamBytes / 1024, "0.0")} KB | {N(r.Wire?.BytesPerEvent, "0")} | {N(r.Harness?.WindowCpuPercent, "0.0")} |"));
        }

        output.WriteLine();
        foreach (var target in report.Targets)
        {
            var verdict = target.Met switch { true => "met", false => "MISSED", null => "not run" };
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"target {target.Id}: {target.Target}: {target.Measured} (goal {target.Goal}): {verdict}"));
        }
    }

    public static string StepLine(ScenarioStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var r = step.Report;
        return string.Create(CultureInfo.InvariantCulture,
            $"{step.Name}: {r.Clients.Connected:N0}/{step.Streams:N0} connected, {r.Events.PerSecPerStreamMedian:0.00}/s per stream, gaps {r.Sequence.Gaps}, re-snapshots {r.Sequence.Resnapshots}, p50 {N(r.LatencyMs.P50)} p99 {N(r.LatencyMs.P99)} max {N(r.LatencyMs.Max)} ms, server CPU {N(r.Server?.WindowCpuPercent, "0.0")} %, RSS {N(r.Server?.RssGrowthPerStreamBytes, "0")} B/stream, wire {N(r.Wire?.BytesPerEvent, "0")} B/event ({r.Wire?.GzipStreams ?? 0:N0} gzip), harness CPU {N(r.Harness?.WindowCpuPercent, "0.0")} %, writes that waited {WriteWaits(step)}");
    }

    private static string WriteWaits(ScenarioStep step) =>
        step.ServerCounters?.TryGetValue(ServerCounters.WriteWaits, out var waits) == true ? waits.ToString("N0", CultureInfo.InvariantCulture) : "-";

    private static string N(double? value, string format = "0.###") => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
}
