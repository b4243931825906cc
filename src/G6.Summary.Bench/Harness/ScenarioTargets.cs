using System.Globalization;

namespace G6.Summary.Bench.Harness;

/// <summary>
/// The issue's five targets, judged from a scenario's steps. The goals are the issue's, unchanged;
/// "flat" for target 5 is ours: the largest CPU per 1,000 events (over idle) within 1.5× the smallest.
/// </summary>
public static class ScenarioTargets
{
    public const double SingleStreamP99Ms = 2;
    public const int LargeStreams = 10_000;
    public const double LargeP99Ms = 50;
    public const double IdleBytesPerStream = 4096;
    public const double TenStreamsCpuPercent = 1;
    public const double FlatRatio = 1.5;

    public static IReadOnlyList<ScenarioTarget> Evaluate(IReadOnlyList<ScenarioStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        // The targets are the plain stream's; gzip steps are reported beside them, not judged.
        var flow = steps.Where(s => s.Kind == "flow" && s.Encoding == ScenarioOptions.Identity).ToDictionary(s => s.Streams);
        var idle = steps.FirstOrDefault(s => s.Kind == "idle" && s.Encoding == ScenarioOptions.Identity && s.Streams >= LargeStreams);
        var targets = new List<ScenarioTarget>();

        targets.Add(flow.TryGetValue(1, out var one)
            ? new ScenarioTarget(1, "one stream: dispatch latency p99", $"< {Fmt(SingleStreamP99Ms)} ms", $"{Fmt(one.Report.LatencyMs.P99)} ms", one.Report.LatencyMs.P99 < SingleStreamP99Ms)
            : Missing(1, "one stream: dispatch latency p99", $"< {Fmt(SingleStreamP99Ms)} ms"));

        targets.Add(flow.TryGetValue(LargeStreams, out var large)
            ? new ScenarioTarget(2, "10,000 streams: every event to every stream, p99", $"complete, p99 < {Fmt(LargeP99Ms)} ms",
                string.Create(CultureInfo.InvariantCulture, $"{large.Report.Clients.Connected:N0} connected, {large.Report.Clients.ClosedEarly} closed early, gaps {large.Report.Sequence.Gaps}, re-snapshots {large.Report.Sequence.Resnapshots}, delivery {large.DeliveryRatio:P2}, p99 {Fmt(large.Report.LatencyMs.P99)} ms"),
                large.Report.Complete && large.Report.LatencyMs.P99 < LargeP99Ms)
            : Missing(2, "10,000 streams: every event to every stream, p99", $"complete, p99 < {Fmt(LargeP99Ms)} ms"));

        targets.Add(idle?.Report.Server?.RssGrowthPerStreamBytes is { } bytes
            ? new ScenarioTarget(3, "idle: server memory per open stream (RSS after connect minus before)", $"<= {Fmt(IdleBytesPerStream)} B",
                string.Create(CultureInfo.InvariantCulture, $"{bytes:0} B ({idle.Report.Clients.Connected:N0} streams)"), bytes <= IdleBytesPerStream && idle.Report.Clients.Connected >= LargeStreams)
            : Missing(3, "idle: server memory per open stream (RSS after connect minus before)", $"<= {Fmt(IdleBytesPerStream)} B"));

        targets.Add(flow.TryGetValue(10, out var ten) && ten.CpuOverIdlePercent is { } over
            ? new ScenarioTarget(4, "10 streams: server CPU over the idle service", $"< {Fmt(TenStreamsCpuPercent)} % of a core",
                string.Create(CultureInfo.InvariantCulture, $"{over:0.00} % ({ten.Report.Server!.WindowCpuPercent:0.00} % with 10 streams, {ten.ServerIdleCpuPercent:0.00} % idle)"), over < TenStreamsCpuPercent)
            : Missing(4, "10 streams: server CPU over the idle service", $"< {Fmt(TenStreamsCpuPercent)} % of a core"));

        var costs = new[] { 100, 1000, LargeStreams }
            .Select(n => flow.TryGetValue(n, out var s) ? (n, s.CpuMsPer1000EventsOverIdle) : (n, null))
            .ToList();
        var known = costs.Where(c => c.Item2 is > 0).Select(c => c.Item2!.Value).ToList();
        var measured = string.Join(", ", costs.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.n:N0}: {(c.Item2 is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "-")} ms")));
        targets.Add(new ScenarioTarget(5, "server CPU per 1,000 delivered events (over idle) at 100 / 1,000 / 10,000 streams",
            $"flat: max/min <= {Fmt(FlatRatio)}",
            known.Count == 3 ? measured + string.Create(CultureInfo.InvariantCulture, $" (max/min {known.Max() / known.Min():0.00})") : measured,
            known.Count == 3 ? known.Max() / known.Min() <= FlatRatio : null));
        return targets;
    }

    private static ScenarioTarget Missing(int id, string target, string goal) => new(id, target, goal, "not run", null);

    private static string Fmt(double? value) => value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "-";
}
