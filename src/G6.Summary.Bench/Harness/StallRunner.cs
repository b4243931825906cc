using System.Diagnostics;
using System.Globalization;
using G6.Summary.Configuration;
using G6.Summary.Protocol;

namespace G6.Summary.Bench.Harness;

/// <summary>
/// <c>bench stall</c>: how far a stalled reader falls behind, and what stalled readers cost the machine,
/// for several values of <c>G6_SSE_SEND_BUFFER_BYTES</c> side by side in one run. Each stall step starts
/// a fresh server following a fast-moving status file (<see cref="StatusFeed"/>), opens one healthy
/// reader and N stalled ones (<see cref="StalledStream"/>), holds the stall while sampling the kernel's
/// TCP memory, resumes them, and records what each got before its fresh snapshot. Flow steps are
/// <c>bench scenario</c>'s, for p99 at many healthy streams. Every step is bounded in time; the variants
/// of one step run back to back so that they share the machine's conditions.
/// </summary>
public sealed class StallRunner(StallOptions options, TextWriter log)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);

    // After the banner: the file source's first reads and the JIT settle before streams open.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    // Every stalled reader must have its opening by then, and its fresh snapshot this long after resuming.
    private static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(250);

    private readonly UnixClock _clock = UnixClock.System;

    public async Task<StallReport> RunAsync(CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var machine = MachineInfo.Read();
        var limits = TcpMemory.ReadLimits();
        long? guard = limits is null ? null : (long)(limits.Unregulated * options.TcpMemoryGuard);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"stall: {machine.Cpus} CPUs, load {machine.LoadAverage:0.00}, {BuildInfo.Configuration} build; tcp_mem {limits?.Unregulated}/{limits?.Pressure}/{limits?.Limit} pages, guard {guard} pages"));
        if (BuildInfo.Configuration != "Release")
        {
            await log.WriteLineAsync("stall: warning: a Debug build; run with -c Release for figures worth keeping");
        }

        var steps = new List<StallStep>();
        foreach (var stalled in options.StalledCounts)
        {
            foreach (var sendBuffer in options.SendBuffers)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var load = MachineInfo.ReadLoadAverage();
                var result = await RunStallStepAsync(stalled, sendBuffer, guard, cancellationToken);
                steps.Add(new StallStep($"stall-{stalled}", VariantName(sendBuffer), sendBuffer, load, result, null));
                await log.WriteLineAsync("stall: " + StallTablePrinter.StepLine(steps[^1]));
            }
        }

        foreach (var streams in options.FlowStreams)
        {
            foreach (var sendBuffer in options.SendBuffers)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var load = MachineInfo.ReadLoadAverage();
                var flow = await RunFlowStepAsync(streams, sendBuffer, cancellationToken);
                steps.Add(new StallStep(flow.Name, VariantName(sendBuffer), sendBuffer, load, null, flow));
                await log.WriteLineAsync("stall: " + StallTablePrinter.StepLine(steps[^1]));
            }
        }

        return new StallReport(
            "g6-summary bench stall",
            BuildInfo.Configuration,
            started,
            Math.Round(clock.Elapsed.TotalSeconds, 1),
            machine,
            new StallSettings(options.RatePerSec, options.Indices, options.QueueMax, options.StallTime.TotalSeconds, options.WriteTimeout.TotalSeconds,
                options.ReceiveBufferBytes, guard, options.FlowRatePerSec, options.FlowTime.TotalSeconds,
                new SortedDictionary<string, string>(options.ServerSettings?.ToDictionary() ?? [], StringComparer.Ordinal)),
            limits,
            TcpMemory.PageBytes,
            steps);
    }

    /// <summary><c>default</c> for the server's own value, <c>autotuning</c> for 0, else the bytes.</summary>
    public static string VariantName(int? sendBuffer) => sendBuffer switch
    {
        null => "default",
        0 => "autotuning",
        var bytes => bytes.Value.ToString(CultureInfo.InvariantCulture),
    };

    private Dictionary<string, string> StallServerSettings(string statusFile, int? sendBuffer)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SettingNames.StatusFile] = statusFile,
            [SettingNames.RefreshSec] = (1 / options.RatePerSec).ToString("0.######", CultureInfo.InvariantCulture),
            [SettingNames.QueueMax] = options.QueueMax.ToString(CultureInfo.InvariantCulture),

            // The replay window may not exceed the queue.
            [SettingNames.ReplayEvents] = Math.Min(options.QueueMax, StreamingOptions.DefaultReplayEvents).ToString(CultureInfo.InvariantCulture),
            [SettingNames.WriteTimeoutSec] = options.WriteTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            [SettingNames.Host] = "127.0.0.1",
            [SettingNames.LogLevel] = "Warning",
        };
        foreach (var (name, value) in options.ServerSettings ?? new Dictionary<string, string>())
        {
            settings[name] = value;
        }

        if (sendBuffer is { } bytes)
        {
            settings[SettingNames.SendBufferBytes] = bytes.ToString(CultureInfo.InvariantCulture);
        }

        return settings;
    }

    private async Task<StallResult> RunStallStepAsync(int stalledCount, int? sendBuffer, long? guardPages, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("g6-bench-stall-");
        try
        {
            var statusFile = Path.Combine(folder.FullName, "runtime_status.json");
            await using var feed = StatusFeed.Start(statusFile, options.Indices, options.RatePerSec);
            await using var server = BenchServer.Start(StallServerSettings(statusFile, sendBuffer));
            var url = await server.WaitForEventsUrlAsync(StartTimeout, cancellationToken);
            await Task.Delay(Settle, cancellationToken);
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"stall: {stalledCount} stalled + 1 healthy, send buffer {VariantName(sendBuffer)}, {options.Indices} indices at {options.RatePerSec:0.##}/s, queue {options.QueueMax}, stall {options.StallTime.TotalSeconds:0} s"));

            var target = await EventStreamTarget.ResolveAsync(new BenchOptions(url, 1, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(1)), cancellationToken);
            var pagesBefore = TcpMemory.ReadPages();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var healthy = new HealthyReader();
            var healthyRun = EventStreamReader.RunAsync(target, healthy.Recorder, healthy.OnEvent, stop.Token);

            var resume = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            var stalled = new StalledStream[stalledCount];
            var runs = new Task[stalledCount];
            for (var i = 0; i < stalledCount; i++)
            {
                stalled[i] = new StalledStream(i);
                runs[i] = stalled[i].RunAsync(target, options.ReceiveBufferBytes, resume.Task, _clock, stop.Token);

                // Kestrel's accept backlog is 512: a few hundred connects a batch keeps every one inside it.
                if (i % 250 == 249)
                {
                    await Task.WhenAll(stalled.Skip(i - 249).Take(250).Select(s => s.Opened)).WaitAsync(OpenTimeout, cancellationToken);
                }
            }

            await Task.WhenAll(stalled.Select(s => s.Opened)).WaitAsync(OpenTimeout, cancellationToken);
            var pagesOpened = TcpMemory.ReadPages();
            var seqAtStall = healthy.LastSeq;
            var (held, peak, guardHit) = await HoldStallAsync(pagesOpened, guardPages, cancellationToken);
            var seqAtResume = healthy.LastSeq;
            resume.TrySetResult(seqAtResume);

            using (var catchUp = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                catchUp.CancelAfter(CatchUpTimeout);
                try
                {
                    await Task.WhenAll(runs).WaitAsync(catchUp.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    await log.WriteLineAsync("stall: some stalled streams did not catch up in time; counted as they are");
                }
            }

            var counters = await ServerCounters.ReadAsync(url, cancellationToken);
            await stop.CancelAsync();
            await Task.WhenAll(runs.Append(healthyRun));
            await server.StopAsync(StopGrace);

            var opened = stalled.Where(s => s.LastSeqBeforeStall is not null).ToArray();
            var current = opened.Where(s => s.IsCurrent).ToArray();
            return new StallResult(
                stalledCount,
                opened.Length,
                current.Count(s => s.ResnapshotSeq is not null),
                current.Length,
                Math.Round(held.TotalSeconds, 2),
                guardHit,
                seqAtResume - seqAtStall,
                Spread.Of(current.Select(s => (double)s.StaleEvents)),
                Spread.Of(current.Select(s => (double)s.StaleDataBytes)),
                Spread.Of(current.Select(s => (double)s.Recorder.SkippedBySnapshot)),
                Spread.Of(current.Select(s => s.ResumeToCurrentMs ?? 0)),
                stalled.Sum(s => s.Recorder.Gaps),
                CountBy(stalled.Where(s => !s.IsDone).Select(s => s.Recorder.FailureCause ?? s.Recorder.EndCause ?? "not_current_in_time")),
                healthy.Recorder.TotalEvents,
                healthy.Recorder.Gaps,
                healthy.Recorder.Resnapshots,
                LatencyStats.From(healthy.Latency),
                healthy.MeanUpdateBytes,
                pagesBefore,
                pagesOpened,
                peak,
                peak is { } p && pagesBefore is { } b && opened.Length > 0 ? Math.Round((double)(p - b) * TcpMemory.PageBytes / opened.Length) : null,
                counters.TryGetValue(ServerCounters.EventsDropped, out var dropped) ? dropped : null,
                counters.TryGetValue(ServerCounters.SlowDisconnects, out var slow) ? slow : null,
                counters.TryGetValue(ServerCounters.WriteWaits, out var waits) ? waits : null);
        }
        finally
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless.
            }
        }
    }

    /// <summary>
    /// Holds the stall for its time, sampling the machine's TCP memory; ends it early when the memory passes
    /// the guard. Returns how long it held, the peak sample and whether the guard ended it.
    /// </summary>
    private async Task<(TimeSpan Held, long? Peak, bool GuardHit)> HoldStallAsync(long? pagesOpened, long? guardPages, CancellationToken cancellationToken)
    {
        var began = Stopwatch.GetTimestamp();
        var peak = pagesOpened;
        using var timer = new PeriodicTimer(SampleInterval);
        while (Stopwatch.GetElapsedTime(began) < options.StallTime)
        {
            await timer.WaitForNextTickAsync(cancellationToken);
            if (TcpMemory.ReadPages() is not { } pages)
            {
                continue;
            }

            peak = Math.Max(peak ?? 0, pages);
            if (guardPages is { } guard && pages >= guard)
            {
                var held = Stopwatch.GetElapsedTime(began);
                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"stall: TCP memory at {pages} pages passed the guard ({guard}) after {held.TotalSeconds:0.0} s: ending the stall early"));
                return (held, peak, true);
            }
        }

        return (Stopwatch.GetElapsedTime(began), peak, false);
    }

    private async Task<ScenarioStep> RunFlowStepAsync(int streams, int? sendBuffer, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string>(options.ServerSettings ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (sendBuffer is { } bytes)
        {
            settings[SettingNames.SendBufferBytes] = bytes.ToString(CultureInfo.InvariantCulture);
        }

        var scenario = new ScenarioOptions([streams], options.FlowRatePerSec, options.FlowTime, TimeSpan.FromSeconds(10), IdleMemoryStep: false, settings, options.Reader);
        var report = await new ScenarioRunner(scenario, log).RunAsync(cancellationToken);
        return report.Steps[0];
    }

    private static SortedDictionary<string, int> CountBy(IEnumerable<string> causes)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var cause in causes)
        {
            counts[cause] = counts.GetValueOrDefault(cause) + 1;
        }

        return counts;
    }

    /// <summary>The healthy reader beside the stalled ones: every event, its latency, and the events' size.</summary>
    private sealed class HealthyReader
    {
        private readonly UnixClock _clock = UnixClock.System;
        private long _updates;
        private long _updateBytes;
        private long _lastSeq;

        public StreamRecorder Recorder { get; } = new(-1);

        public LatencyHistogram Latency { get; } = new();

        public long LastSeq => Interlocked.Read(ref _lastSeq);

        public double? MeanUpdateBytes => _updates == 0 ? null : Math.Round((double)_updateBytes / _updates, 1);

        public void OnEvent(string eventType, ReadOnlySpan<byte> data)
        {
            Recorder.OnEvent(eventType, data, _clock.NowMs, Latency);
            if (eventType == EventNames.PanelUpdate)
            {
                _updates++;
                _updateBytes += data.Length;
            }

            if (eventType != EventNames.Hello && EventFields.TryParse(data, out var fields) && fields.Seq is { } seq)
            {
                Interlocked.Exchange(ref _lastSeq, seq);
            }
        }
    }
}
