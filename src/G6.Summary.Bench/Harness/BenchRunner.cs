using System.Diagnostics;
using System.Globalization;

namespace G6.Summary.Bench.Harness;

/// <summary>
/// The load harness: opens <see cref="BenchOptions.Streams"/> concurrent SSE streams over a ramp, measures
/// for <see cref="BenchOptions.Duration"/>, then closes them all and reports. It stops by itself.
/// </summary>
/// <remarks>
/// Built to stay cheap at 10,000 streams on two cores, so that the server, not the harness, is measured:
/// no thread per stream (on Linux a few epoll loops serve every stream, <see cref="EpollReaders"/>; elsewhere
/// each stream is an async read loop on a bare socket, <see cref="EventStreamReader"/>),
/// events parsed from the received bytes by <see cref="SseEventParser"/> and <see cref="EventFields"/>
/// without building strings or documents, and latency counted into per-thread fixed-size histograms
/// instead of a list of samples. The harness reports its own
/// CPU (<see cref="BenchReport.Harness"/>) next to the server's.
/// </remarks>
public sealed class BenchRunner(BenchOptions options, TextWriter? progress = null)
{
    /// <summary>How often the ramp starts the connects that fell due.</summary>
    private static readonly TimeSpan RampTick = TimeSpan.FromMilliseconds(10);

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    private readonly UnixClock _clock = UnixClock.System;
    private volatile bool _measuring;
    private StreamRecorder[] _recorders = [];

    /// <summary>Streams open so far (for progress and tests; read while the run goes on).</summary>
    public int Connected => Volatile.Read(ref _recorders).Count(r => r.Connected);

    /// <summary>Streams that ended and have been reopened (their <c>hello</c> came) since; for tests.</summary>
    public int Reopened => Volatile.Read(ref _recorders).Count(r => r.LastReopenedAtMs is not null && r.DisconnectedAtMs is null);

    /// <summary>Events received so far over every stream.</summary>
    public long EventsReceived => Volatile.Read(ref _recorders).Sum(r => r.TotalEvents);

    public async Task<BenchReport> RunAsync(CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Streams);
        var startedAt = DateTimeOffset.UtcNow;
        var recorders = new StreamRecorder[options.Streams];
        for (var i = 0; i < recorders.Length; i++)
        {
            recorders[i] = new StreamRecorder(i);
        }

        Volatile.Write(ref _recorders, recorders);

        using var histograms = new ThreadLocalHistogram();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var target = await EventStreamTarget.ResolveAsync(options, cancellationToken);

        var selfPid = Environment.ProcessId;
        var serverBefore = Sample(options.ServerPid);
        var selfBefore = Sample(selfPid);
        var begun = Stopwatch.GetTimestamp();
        using var reporter = new CancellationTokenSource();
        var progressLoop = ReportProgressAsync(recorders, begun, reporter.Token);

        var tasks = new List<Task>(options.Streams);
        using var epoll = options.ReaderInUse == BenchReader.Epoll ? new EpollReaders(target, options.Streams, Environment.ProcessorCount) : null;
        await RampAsync(recorders, tasks, target, epoll, histograms, begun, stop.Token);
        await DelayUntil(begun, options.RampUp + options.Warmup, stop.Token);

        var serverStart = Sample(options.ServerPid);
        var selfStart = Sample(selfPid);
        var windowStart = _clock.NowMs;
        var wireAtStart = recorders.Sum(r => r.WireBytes);
        _measuring = true;
        await DelayUntil(begun, options.RampUp + options.Warmup + options.Duration, stop.Token);
        _measuring = false;
        var windowEnd = _clock.NowMs;
        var windowWire = recorders.Sum(r => r.WireBytes) - wireAtStart;
        var serverEnd = Sample(options.ServerPid);
        var selfEnd = Sample(selfPid);

        await stop.CancelAsync();
        epoll?.Stop();
        await Task.WhenAll(tasks);
        await reporter.CancelAsync();
        await progressLoop;

        var windowSec = Math.Max(0, (windowEnd - windowStart) / 1000);
        var connected = recorders.Count(r => r.Connected);
        var windowEvents = recorders.Sum(r => r.WindowEvents);
        return new BenchReport(
            BenchReport.ToolName,
            BuildInfo.Configuration,
            startedAt,
            options.EventsUrl.ToString(),
            options.Streams,
            options.RampUp.TotalSeconds,
            options.Warmup.TotalSeconds,
            options.Duration.TotalSeconds,
            Math.Round(windowSec, 3),
            ClientsOf(recorders),
            EventsOf(recorders, windowSec),
            LatencyStats.From(histograms.Merge()),
            SequenceOf(recorders),
            options.ServerPid is { } pid ? ProcessUsage.From(pid, serverBefore, serverStart, serverEnd, connected, windowEvents) : null,
            ProcessUsage.From(selfPid, selfBefore, selfStart, selfEnd, connected, windowEvents),
            options.ReaderInUse.ToString(),
            options.Reconnect ? ReconnectStats.From(recorders) : null,
            new WireStats(options.Gzip ? "gzip" : "identity", recorders.Count(r => r.Gzip), windowWire, windowEvents > 0 ? Math.Round((double)windowWire / windowEvents, 1) : null));
    }

    private ProcessSample? Sample(int? pid) => pid is { } p ? ProcessSampler.TryRead(p, _clock) : null;

    private async Task RampAsync(StreamRecorder[] recorders, List<Task> tasks, EventStreamTarget target, EpollReaders? epoll, ThreadLocalHistogram histograms, long begun, CancellationToken stop)
    {
        var rampMs = options.RampUp.TotalMilliseconds;
        using var timer = new PeriodicTimer(RampTick);
        var next = 0;
        while (next < recorders.Length && !stop.IsCancellationRequested)
        {
            // Even spacing: stream i is due at i/M of the ramp.
            var elapsed = Stopwatch.GetElapsedTime(begun).TotalMilliseconds;
            var due = rampMs <= 0 ? recorders.Length : Math.Min(recorders.Length, (int)Math.Floor(elapsed / rampMs * recorders.Length) + 1);
            for (; next < due; next++)
            {
                if (epoll is null)
                {
                    tasks.Add(RunStreamAsync(recorders[next], target, histograms, stop));
                    continue;
                }

                // A non-blocking connect: cheap enough to start in a row on this thread.
                var recorder = recorders[next];
                recorder.ConnectStartedMs = _clock.NowMs;
                epoll.Start(next, recorder, EventHandlerFor(recorder, histograms));
            }

            if (next < recorders.Length)
            {
                try
                {
                    await timer.WaitForNextTickAsync(stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private static async Task DelayUntil(long begun, TimeSpan offset, CancellationToken stop)
    {
        var remaining = offset - Stopwatch.GetElapsedTime(begun);
        if (remaining <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await Task.Delay(remaining, stop);
        }
        catch (OperationCanceledException)
        {
            // Interrupted (Ctrl+C): report what was measured so far.
        }
    }

    private async Task RunStreamAsync(StreamRecorder recorder, EventStreamTarget target, ThreadLocalHistogram histograms, CancellationToken stop)
    {
        // Off the ramp's thread at once, so 10,000 connects do not run their synchronous parts in a row.
        await Task.Yield();
        recorder.ConnectStartedMs = _clock.NowMs;
        var onEvent = EventHandlerFor(recorder, histograms);
        var request = target.Request;
        while (true)
        {
            await EventStreamReader.RunAsync(target, request, recorder, onEvent, stop);
            if (!options.Reconnect || stop.IsCancellationRequested)
            {
                return;
            }

            // Ended (bye, closed, reset) or refused: come back as a client would, resuming from the last id.
            recorder.Disconnected(_clock.NowMs);
            try
            {
                await Task.Delay(BenchOptions.ReconnectDelay, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            recorder.BeginReconnect();
            request = recorder.LastEventId is { } id ? target.RequestResuming(id) : target.Request;
        }
    }

    private SseEventParser.EventHandler EventHandlerFor(StreamRecorder recorder, ThreadLocalHistogram histograms) =>
        (eventType, data) => recorder.OnEvent(eventType, data, _clock.NowMs, _measuring ? histograms.Current : null);

    private async Task ReportProgressAsync(StreamRecorder[] recorders, long begun, CancellationToken stop)
    {
        if (progress is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(ProgressInterval);
        long lastEvents = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var events = recorders.Sum(r => r.TotalEvents);
                await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"bench: {Stopwatch.GetElapsedTime(begun).TotalSeconds,5:0}s  connected {recorders.Count(r => r.Connected)}/{recorders.Length}  failed {recorders.Count(r => r.FailureCause is not null)}  {(events - lastEvents) / ProgressInterval.TotalSeconds:0}/s{(_measuring ? "  (measuring)" : "")}"));
                lastEvents = events;
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    private static ClientStats ClientsOf(StreamRecorder[] recorders)
    {
        var hello = new LatencyHistogram();
        var snapshot = new LatencyHistogram();
        foreach (var recorder in recorders)
        {
            if (recorder.TimeToHelloMs is { } h)
            {
                hello.RecordMilliseconds(h);
            }

            if (recorder.TimeToSnapshotMs is { } s)
            {
                snapshot.RecordMilliseconds(s);
            }
        }

        return new ClientStats(
            recorders.Length,
            recorders.Count(r => r.Connected),
            recorders.Count(r => r.FailureCause is not null),
            CountBy(recorders.Select(r => r.FailureCause)),
            recorders.Count(r => r.EndCause is not null),
            CountBy(recorders.Select(r => r.EndCause)),
            LatencyStats.From(hello),
            LatencyStats.From(snapshot));
    }

    private static SortedDictionary<string, int> CountBy(IEnumerable<string?> causes)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var cause in causes)
        {
            if (cause is not null)
            {
                counts[cause] = counts.GetValueOrDefault(cause) + 1;
            }
        }

        return counts;
    }

    private static EventStats EventsOf(StreamRecorder[] recorders, double windowSec)
    {
        var byType = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var recorder in recorders)
        {
            foreach (var (type, count) in recorder.EventsByType)
            {
                byType[type] = byType.GetValueOrDefault(type) + count;
            }
        }

        var perStream = recorders.Where(r => r.Connected).Select(r => windowSec > 0 ? r.WindowEvents / windowSec : 0).Order().ToArray();
        var windowEvents = recorders.Sum(r => r.WindowEvents);
        return new EventStats(
            byType.Values.Sum(),
            byType,
            windowEvents,
            windowSec > 0 ? Math.Round(windowEvents / windowSec, 2) : 0,
            perStream.Length == 0 ? 0 : Math.Round(Median(perStream), 3),
            perStream.Length == 0 ? 0 : Math.Round(perStream[0], 3),
            recorders.Sum(r => r.ParseErrors));
    }

    internal static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;

    private static SequenceStats SequenceOf(StreamRecorder[] recorders) => new(
        recorders.Count(r => r.HasBaseline),
        recorders.Sum(r => r.Gaps),
        recorders.Count(r => r.Gaps > 0),
        recorders.Sum(r => r.Duplicates),
        recorders.Count(r => r.Duplicates > 0),
        recorders.Sum(r => r.CoalescedEvents),
        recorders.Sum(r => r.Resnapshots),
        recorders.Sum(r => r.SkippedBySnapshot));
}
