using System.Globalization;

namespace G6.Summary.Bench.Harness;

/// <summary>The readable form of a <see cref="BenchReport"/> (without <c>--json</c>).</summary>
public static class BenchTablePrinter
{
    public static void Print(BenchReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var c = report.Clients;
        var e = report.Events;
        var s = report.Sequence;
        Line(output, "bench", $"{report.Url}  ({report.Build} build, {report.StartedAt:yyyy-MM-dd HH:mm:ss}Z)");
        Line(output, "streams", $"{c.Requested:N0} requested, {c.Connected:N0} connected, {c.Failed:N0} failed{Causes(c.FailuresByCause)}, {c.ClosedEarly:N0} closed early{Causes(c.ClosedEarlyByCause)}");
        Line(output, "connect", $"hello p50 {Ms(c.TimeToHelloMs.P50)} p99 {Ms(c.TimeToHelloMs.P99)}; full_snapshot p50 {Ms(c.TimeToFullSnapshotMs.P50)} p99 {Ms(c.TimeToFullSnapshotMs.P99)}");
        Line(output, "window", $"{report.WindowSec:0.0} s: {e.WindowEvents:N0} events, {e.PerSecTotal:N0}/s total, {e.PerSecPerStreamMedian:0.00}/s per stream (median; min {e.PerSecPerStreamMin:0.00})");
        if (report.Wire is { } wire)
        {
            Line(output, "wire", $"{wire.AcceptEncoding} asked, {wire.GzipStreams:N0} streams gzip; {wire.WindowBytes:N0} bytes in the window, {(wire.BytesPerEvent is { } b ? b.ToString("N1", CultureInfo.InvariantCulture) : "-")} per event");
        }

        Line(output, "events", string.Join(", ", e.ByType.Select(p => $"{p.Key} {p.Value:N0}")) + $"; parse errors {e.ParseErrors:N0}");
        var l = report.LatencyMs;
        Line(output, "latency", $"mean {Ms(l.Mean)}  p50 {Ms(l.P50)}  p90 {Ms(l.P90)}  p99 {Ms(l.P99)}  p99.9 {Ms(l.P999)}  max {Ms(l.Max)}  ({l.Count:N0} samples, {l.Negative:N0} negative)");
        Line(output, "sequence", $"gaps {s.Gaps:N0} ({s.StreamsWithGaps:N0} streams), duplicates {s.Duplicates:N0} ({s.StreamsWithDuplicates:N0} streams), coalesced {s.CoalescedEvents:N0}, re-snapshots {s.Resnapshots:N0} ({s.SkippedBySnapshot:N0} events skipped), {s.Tracked:N0} streams tracked");
        if (report.Reconnects is { } r)
        {
            Line(output, "reconnect", string.Create(CultureInfo.InvariantCulture,
                $"{r.Attempts:N0} attempts, {r.StreamsReconnected:N0} streams reopened ({r.StreamsWaiting:N0} still waiting): {r.Resumed:N0} resumed, {r.FullSnapshots:N0} full snapshots, {r.EpochChanges:N0} new epochs; all reopened {(r.AllReopenedMs is { } ms ? $"{ms / 1000:0.00} s" : "-")} after the first end"));
        }

        if (report.Server is { } server)
        {
            Line(output, "server", Usage(server));
        }

        if (report.Harness is { } harness)
        {
            Line(output, "harness", Usage(harness));
        }

        Line(output, "complete", report.Complete ? "yes: every stream connected and got every event once, in order" : "NO");
    }

    internal static string Usage(ProcessUsage usage) => string.Create(CultureInfo.InvariantCulture,
        $"pid {usage.Pid}: CPU {Num(usage.WindowCpuSeconds, "0.00")} s in window = {Num(usage.WindowCpuPercent, "0.0")} % of a core, {Num(usage.CpuMsPer1000Events, "0.000")} ms per 1,000 events; "
        + $"RSS {Mb(usage.Before?.RssBytes)} before, {Mb(usage.MeasureStart?.RssBytes)} connected ({Num(usage.RssGrowthPerStreamBytes / 1024, "+0.00;-0.00")} KB per stream), {Mb(usage.MeasureEnd?.RssBytes)} at end");

    private static void Line(TextWriter output, string label, string text) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-9} {text}"));

    private static string Causes(IReadOnlyDictionary<string, int> causes) =>
        causes.Count == 0 ? "" : " (" + string.Join(", ", causes.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value}"))) + ")";

    internal static string Ms(double? value) => value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) + " ms" : "-";

    private static string Num(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string Mb(long? bytes) => bytes is { } b ? (b / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB" : "-";
}
