using System.Collections.Immutable;
using G6.Summary.Configuration;
using G6.Summary.Metrics;
using G6.Summary.Panels;
using G6.Summary.Publishing;
using G6.Summary.Streaming;
using G6.Summary.Tests.Integration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace G6.Summary.Tests.Streaming;

/// <summary>
/// The hub over in-memory connections: the ownership hand-over between a stream's loop and the
/// publisher's fan-out, pending and aborted flushes, overflow then catch-up, and the fan-out split
/// across threads while streams join and leave.
/// </summary>
public sealed class StreamHubTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly PrometheusSummaryMetrics _metrics = new(Prometheus.Metrics.NewCustomRegistry());
    private StreamHub? _hub;
    private SummaryPublisher? _publisher;
    private InMemoryEventLog? _log;
    private long _cycle;

    public void Dispose() => _hub?.Dispose();

    private StreamHub Start(SummaryOptions options)
    {
        _log = new InMemoryEventLog("e1", options.Streaming.QueueMax + 64);
        var encoder = new EventEncoder(options, _time);
        _publisher = new SummaryPublisher(options, _log, encoder, _time);
        _hub = new StreamHub(options, _log, encoder, new G6.Summary.Compression.FrameCompressor(_metrics), _metrics, _time, NullLogger<StreamHub>.Instance);
        return _hub;
    }

    /// <summary>Publishes one changed panel; the fan-out runs on this thread before it returns.</summary>
    private long Publish()
    {
        _cycle++;
        var panels = new[] { new PanelContent("loop", "Loop", ImmutableArray.Create($"Cycle: {_cycle}")) };
        var publish = _publisher!.PublishAsync(new CycleReport(_cycle, panels), CancellationToken.None).AsTask();

        // The publisher never waits on a client: the in-memory append and the fan-out finish synchronously.
        Assert.True(publish.IsCompleted);
        return publish.Result!.Seq;
    }

    private static (FakeStreamConnection Connection, Task Run) Open(StreamHub hub, Action<FakeStreamConnection>? before = null)
    {
        Assert.True(hub.TryReserveSlot());
        var connection = new FakeStreamConnection();
        before?.Invoke(connection);
        return (connection, hub.RunAsync(connection, null));
    }

    private static Task UntilSeenAsync(FakeStreamConnection connection, long seq) =>
        Wait.UntilAsync(() => connection.Events().Any(e => e.Seq == seq && e.Name != "hello"), $"event {seq} to reach the stream");

    private async Task<string> MetricsTextAsync()
    {
        using var stream = new MemoryStream();
        await _metrics.Registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public async Task FlushThatStaysPending_PublisherNeverWaits_WriteTimeoutClosesOnlyThatStream()
    {
        var hub = Start(new SummaryOptions { Streaming = new() { WriteTimeout = TimeSpan.FromSeconds(10) } });
        Publish();
        var (stuck, stuckRun) = Open(hub);
        var (healthy, _) = Open(hub);
        await UntilSeenAsync(stuck, 1);

        stuck.HoldFlushes();
        var first = Publish();
        await UntilSeenAsync(stuck, first);
        Assert.True(stuck.FlushPending);
        var second = Publish();
        var third = Publish();
        await UntilSeenAsync(healthy, third);
        Assert.DoesNotContain(stuck.Events(), e => e.Seq == second);

        // Housekeeping finds the flush older than the write timeout and aborts; the stream ends and lets go.
        _time.Advance(TimeSpan.FromSeconds(11));
        await stuckRun.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(stuck.Completed);
        Assert.Equal(1, hub.ActiveStreams);
        Assert.Equal(1, hub.ReservedSlots);
        Assert.Contains("g6_sse_http_slow_disconnects_total 1", await MetricsTextAsync(), StringComparison.Ordinal);
        Assert.Null(stuck.Violation);
        Assert.Null(healthy.Violation);
    }

    [Fact]
    public async Task AbortDuringTheFanOutsFlush_StreamEndsAfterThePublisherLetsGo_NothingWrittenAfter()
    {
        var hub = Start(new SummaryOptions());
        Publish();
        var (connection, run) = Open(hub);
        await UntilSeenAsync(connection, 1);

        connection.HoldFlushes();
        var seq = Publish();
        Assert.True(connection.FlushPending);

        connection.Abort();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        Publish();

        Assert.True(connection.Completed);
        Assert.Equal(0, hub.ActiveStreams);
        Assert.Equal(0, hub.ReservedSlots);
        Assert.Equal(seq, connection.Events()[^1].Seq);
        Assert.Null(connection.Violation);
        Assert.Contains("g6_sse_http_slow_disconnects_total 0", await MetricsTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AbortDuringTheLoopsOwnFlush_StreamEnds()
    {
        var hub = Start(new SummaryOptions());
        Publish();

        // The opening hello and snapshot are flushed by the stream's loop; that flush never completes.
        var (connection, run) = Open(hub, c => c.HoldFlushes());
        Assert.True(connection.FlushPending);
        Publish();
        connection.Abort();

        await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(connection.Completed);
        Assert.Equal(0, hub.ReservedSlots);
        Assert.Null(connection.Violation);
    }

    [Fact]
    public async Task Overflow_WhileAFlushIsPending_ThenCatchUp_FullSnapshotThenLiveAgain()
    {
        var hub = Start(new SummaryOptions { Streaming = new() { QueueMax = 4, ReplayEvents = 4 } });
        Publish();
        var (slow, _) = Open(hub);
        await UntilSeenAsync(slow, 1);

        slow.HoldFlushes();
        var held = Publish();
        for (var i = 0; i < 6; i++)
        {
            Publish();
        }

        var head = _log!.Current.Seq;
        slow.ReleaseFlush();
        await Wait.UntilAsync(() => slow.Events().Any(e => e is { Name: "full_snapshot", Seq: var s } && s == head), "the catch-up snapshot");
        var next = Publish();
        await UntilSeenAsync(slow, next);

        Assert.Equal(
            [("hello", 1), ("full_snapshot", 1), ("panel_update", held), ("full_snapshot", head), ("panel_update", next)],
            slow.Events());
        Assert.Contains("g6_sse_http_events_dropped_total 6", await MetricsTextAsync(), StringComparison.Ordinal);
        Assert.Null(slow.Violation);
    }

    [Fact]
    public async Task FanOutOnSeveralThreads_StreamsJoiningAndLeaving_EachGetsEveryEventOnceInOrder()
    {
        var hub = Start(new SummaryOptions { Streaming = new() { FanOutWorkers = 4, FanOutMinStreamsPerWorker = 1 } });
        Publish();
        var open = new List<(FakeStreamConnection Connection, Task Run)>();
        var left = new List<(FakeStreamConnection Connection, Task Run)>();
        for (var i = 0; i < 40; i++)
        {
            open.Add(Open(hub));
        }

        for (var round = 0; round < 20; round++)
        {
            for (var i = 0; i < 10; i++)
            {
                Publish();
            }

            // Five join and five leave between publishes, while pool threads may still be writing.
            for (var i = 0; i < 5; i++)
            {
                open.Add(Open(hub));
                var leaving = open[round * 2 % open.Count];
                open.Remove(leaving);
                leaving.Connection.Abort();
                left.Add(leaving);
            }
        }

        var head = Publish();
        foreach (var (connection, _) in open)
        {
            await UntilSeenAsync(connection, head);
        }

        await Task.WhenAll(left.Select(l => l.Run)).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(open.Count, hub.ActiveStreams);
        foreach (var (connection, _) in open.Concat(left))
        {
            Assert.Null(connection.Violation);
            var events = connection.Events();
            Assert.Equal("hello", events[0].Name);
            Assert.Equal("full_snapshot", events[1].Name);
            var seqs = events.Skip(2).Select(e => e.Seq).ToList();
            var expected = Enumerable.Range((int)events[1].Seq + 1, seqs.Count).Select(s => (long)s).ToList();
            Assert.Equal(expected, seqs);
            Assert.All(events.Skip(2), e => Assert.Equal("panel_update", e.Name));
        }

        Assert.All(left, l => Assert.True(l.Connection.Completed));
    }
}
