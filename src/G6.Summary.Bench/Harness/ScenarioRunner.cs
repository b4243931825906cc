using System.Diagnostics;
using System.Globalization;
using G6.Summary.Configuration;

namespace G6.Summary.Bench.Harness;

/// <summary>
/// Runs the standard figures with one command: for each stream count a fresh server with the busy demo
/// source at the chosen rate, its idle CPU, then the harness; and an idle server (no events) with the
/// largest count of streams open, for memory per stream. Every step is bounded in time.
/// </summary>
public sealed class ScenarioRunner(ScenarioOptions options, TextWriter log)
{
    /// <summary>The target's refresh for the idle step: one cycle an hour, so no event is published.</summary>
    private const string IdleRefreshSec = "3600";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);

    public async Task<ScenarioReport> RunAsync(CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var machine = MachineInfo.Read();
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"scenario: {machine.Cpus} CPUs ({machine.CpuModel}), load {machine.LoadAverage:0.00}, {BuildInfo.Configuration} build, {options.Rate:0.##} events/s"));
        if (BuildInfo.Configuration != "Release")
        {
            await log.WriteLineAsync("scenario: warning: a Debug build; run with -c Release for figures worth keeping");
        }

        // Encodings alternate at each count, so plain and gzip are measured side by side on the same machine state.
        var steps = new List<ScenarioStep>();
        foreach (var streams in options.Streams.Order())
        {
            foreach (var encoding in options.EncodingsInUse)
            {
                cancellationToken.ThrowIfCancellationRequested();
                steps.Add(await RunFlowStepAsync(streams, encoding, cancellationToken));
            }
        }

        if (options.IdleMemoryStep && options.Streams.Count > 0)
        {
            var idleCounts = options.IdleStreams is { Count: > 0 } counts ? counts.Order().ToList() : [options.Streams.Max()];
            foreach (var streams in idleCounts)
            {
                foreach (var encoding in options.EncodingsInUse)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    steps.Add(await RunIdleStepAsync(streams, encoding, cancellationToken));
                }
            }
        }

        return new ScenarioReport(
            "g6-summary bench scenario",
            BuildInfo.Configuration,
            started,
            Math.Round(clock.Elapsed.TotalSeconds, 1),
            machine,
            options.Rate,
            steps,
            ScenarioTargets.Evaluate(steps));
    }

    private Dictionary<string, string> ServerSettings(bool idle)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SettingNames.DemoProfile] = "busy",
            [SettingNames.RefreshSec] = idle ? IdleRefreshSec : (1 / options.Rate).ToString("0.######", CultureInfo.InvariantCulture),
            [SettingNames.Host] = "127.0.0.1",

            // Warnings still show (slow streams, overflows); per-request information would cost CPU we measure.
            [SettingNames.LogLevel] = "Warning",
        };
        foreach (var (name, value) in options.ServerSettings)
        {
            settings[name] = value;
        }

        return settings;
    }

    private Uri WithQuery(Uri url) => options.Query is { Length: > 0 } query ? new UriBuilder(url) { Query = query }.Uri : url;

    /// <summary>Steps of identity streams keep their old names (<c>flow-1000</c>), so archived runs compare by name.</summary>
    private static string StepName(string kind, int streams, string encoding) =>
        encoding == ScenarioOptions.Identity ? $"{kind}-{streams}" : $"{kind}-{streams}-{encoding}";

    private async Task<ScenarioStep> RunFlowStepAsync(int streams, string encoding, CancellationToken cancellationToken)
    {
        await using var server = BenchServer.Start(ServerSettings(idle: false));
        var url = WithQuery(await server.WaitForEventsUrlAsync(StartTimeout, cancellationToken));
        await Task.Delay(ScenarioOptions.Settle, cancellationToken);
        var idleCpu = await MeasureIdleCpuAsync(server.Pid, options.IdleBaseline, cancellationToken);

        var bench = new BenchOptions(url, streams, ScenarioOptions.RampFor(streams), ScenarioOptions.Warmup, options.Duration, ServerPid: server.Pid, Reader: options.Reader, Gzip: encoding == ScenarioOptions.Gzip);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"scenario: flow {streams} streams ({encoding}): server idle {idleCpu:0.00} % of a core; ramp {bench.RampUp.TotalSeconds:0.#} s, warmup {bench.Warmup.TotalSeconds:0} s, measuring {bench.Duration.TotalSeconds:0} s"));
        var report = await new BenchRunner(bench, log).RunAsync(cancellationToken);
        var counters = await ServerCounters.ReadAsync(url, cancellationToken);
        await server.StopAsync(StopGrace);

        var window = report.Server;
        double? overIdle = window?.WindowCpuPercent is { } busy && idleCpu is { } idle ? Math.Round(busy - idle, 2) : null;
        double? perThousand = overIdle is { } o && report.Events.WindowEvents > 0
            ? Math.Round(o / 100 * report.WindowSec * 1000 / (report.Events.WindowEvents / 1000.0), 3)
            : null;
        var step = new ScenarioStep(
            StepName("flow", streams, encoding),
            "flow",
            streams,
            idleCpu,
            overIdle,
            perThousand,
            Math.Round(report.Events.PerSecPerStreamMedian / options.Rate, 4),
            report,
            counters,
            encoding);
        await log.WriteLineAsync("scenario: " + ScenarioTablePrinter.StepLine(step));
        return step;
    }

    private async Task<ScenarioStep> RunIdleStepAsync(int streams, string encoding, CancellationToken cancellationToken)
    {
        await using var server = BenchServer.Start(ServerSettings(idle: true));
        var url = WithQuery(await server.WaitForEventsUrlAsync(StartTimeout, cancellationToken));
        await Task.Delay(ScenarioOptions.Settle, cancellationToken);
        var bench = new BenchOptions(url, streams, ScenarioOptions.RampFor(streams), ScenarioOptions.Warmup, ScenarioOptions.IdleHold, ServerPid: server.Pid, Reader: options.Reader, Gzip: encoding == ScenarioOptions.Gzip);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"scenario: idle {streams} streams ({encoding}, no events): ramp {bench.RampUp.TotalSeconds:0.#} s, then {bench.Warmup.TotalSeconds + bench.Duration.TotalSeconds:0} s open"));
        var report = await new BenchRunner(bench, log).RunAsync(cancellationToken);
        await server.StopAsync(StopGrace);
        var step = new ScenarioStep(StepName("idle", streams, encoding), "idle", streams, null, null, null, null, report, Encoding: encoding);
        await log.WriteLineAsync("scenario: " + ScenarioTablePrinter.StepLine(step));
        return step;
    }

    private static async Task<double?> MeasureIdleCpuAsync(int pid, TimeSpan span, CancellationToken cancellationToken)
    {
        var clock = UnixClock.System;
        var before = ProcessSampler.TryRead(pid, clock);
        await Task.Delay(span, cancellationToken);
        var after = ProcessSampler.TryRead(pid, clock);
        return before is null || after is null || after.AtMs <= before.AtMs
            ? null
            : Math.Round((after.CpuSeconds - before.CpuSeconds) / ((after.AtMs - before.AtMs) / 1000) * 100, 3);
    }
}
