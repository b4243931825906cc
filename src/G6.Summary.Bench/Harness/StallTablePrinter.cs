using System.Globalization;

namespace G6.Summary.Bench.Harness;

/// <summary>The readable summary of <c>bench stall</c>: a table of stall steps, then one of flow steps.</summary>
public static class StallTablePrinter
{
    public static void Print(StallReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var s = report.Settings;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"stall {report.StartedAt:yyyy-MM-dd HH:mm}Z, {report.Build} build, {report.Machine.Cpus} CPUs, load {report.Machine.LoadAverage:0.00} at start, {report.TotalSec:0} s; events {s.RatePerSec:0.##}/s ({s.Indices} indices), queue {s.QueueMax}, stall {s.StallSec:0} s, client SO_RCVBUF {s.ReceiveBufferBytes}"));
        output.WriteLine("| step | send buffer | load | stalled | fresh snapshot (current again) | stale events (median, max) | stale KB (median) | skipped (median) | published in stall | TCP mem pages before → peak | per stalled stream KB | healthy gaps | healthy p99 ms |");
        output.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var step in report.Steps.Where(x => x.Stall is not null))
        {
            var r = step.Stall!;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {step.Name} | {step.Variant} | {N(step.LoadAverage, "0.00")} | {r.Opened:N0} | {r.Resnapshotted:N0} ({r.Current:N0}) | {N(r.StaleEvents?.Median, "0")}, {N(r.StaleEvents?.Max, "0")} | {N(r.StaleDataBytes?.Median / 1024, "0.0")} | {N(r.SkippedBySnapshot?.Median, "0")} | {r.PublishedDuringStall:N0} | {r.TcpMemPagesBefore:N0} → {r.TcpMemPagesPeak:N0}{(r.GuardHit ? " (guard)" : "")} | {N(r.TcpMemPerStalledStreamBytes / 1024, "0.0")} | {r.HealthyGaps} | {N(r.HealthyLatencyMs.P99)} |"));
        }

        output.WriteLine();
        output.WriteLine("| step | send buffer | load | connected | gaps | p50 ms | p99 ms | max ms | server CPU % | harness CPU % | writes that waited |");
        output.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var step in report.Steps.Where(x => x.Flow is not null))
        {
            var r = step.Flow!.Report;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {step.Name} | {step.Variant} | {N(step.LoadAverage, "0.00")} | {r.Clients.Connected:N0} | {r.Sequence.Gaps + r.Sequence.SkippedBySnapshot:N0} | {N(r.LatencyMs.P50)} | {N(r.LatencyMs.P99)} | {N(r.LatencyMs.Max)} | {N(r.Server?.WindowCpuPercent, "0.0")} | {N(r.Harness?.WindowCpuPercent, "0.0")} | {Waits(step.Flow)} |"));
        }
    }

    private static string Waits(ScenarioStep flow) =>
        flow.ServerCounters?.TryGetValue(ServerCounters.WriteWaits, out var waits) == true ? waits.ToString("N0", CultureInfo.InvariantCulture) : "-";

    public static string StepLine(StallStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.Flow is { } flow)
        {
            return $"{step.Name} ({step.Variant}): " + ScenarioTablePrinter.StepLine(flow);
        }

        var r = step.Stall!;
        return string.Create(CultureInfo.InvariantCulture,
            $"{step.Name} ({step.Variant}, load {N(step.LoadAverage, "0.00")}): {r.Resnapshotted}/{r.Opened} fresh snapshots ({r.Current} current again), stale events median {N(r.StaleEvents?.Median, "0")} max {N(r.StaleEvents?.Max, "0")} ({N(r.StaleDataBytes?.Median / 1024, "0.0")} KB), skipped {N(r.SkippedBySnapshot?.Median, "0")} of {r.PublishedDuringStall} published, TCP mem {r.TcpMemPagesBefore} → {r.TcpMemPagesPeak} pages{(r.GuardHit ? " (guard hit at " + r.StallHeldSec.ToString("0.0", CultureInfo.InvariantCulture) + " s)" : "")}, {N(r.TcpMemPerStalledStreamBytes / 1024, "0.0")} KB per stalled stream; healthy: {r.HealthyEvents} events, gaps {r.HealthyGaps}, p99 {N(r.HealthyLatencyMs.P99)} ms, events {N(r.MeanEventDataBytes, "0")} B; server dropped {r.ServerEventsDropped}, slow disconnects {r.ServerSlowDisconnects}, writes that waited {r.ServerWriteWaits}");
    }

    private static string N(double? value, string format = "0.###") => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
}
