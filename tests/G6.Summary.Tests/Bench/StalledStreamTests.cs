using G6.Summary.Bench.Harness;
using G6.Summary.Configuration;
using G6.Summary.Tests.Integration;

namespace G6.Summary.Tests.Bench;

/// <summary><c>bench stall</c>'s stalled reader against the real server (loopback, port 0), cycles driven by the test.</summary>
public sealed class StalledStreamTests
{
    [Fact]
    public async Task RunAsync_StallPastTheQueue_CountsStaleEventsThenTheFreshSnapshot()
    {
        var source = new ScriptedStatusSource(ScriptedStatusSource.ManyIndices(40, 1000));
        await using var server = await TestServer.StartAsync(new SummaryOptions { Streaming = new() { QueueMax = 16, ReplayEvents = 16, WriteTimeout = TimeSpan.FromMinutes(5) } }, source);
        var (stream, resume, run) = await OpenAndStallAsync(server);

        // Far more than the socket and the queue hold together (about 3.5 KB an event).
        await PublishAsync(server, source, 300, 2000);
        var head = server.Log.Current.Seq;
        resume.SetResult(head);
        await Wait.UntilAsync(() => stream.IsCurrent, "the stalled stream to be current again");
        await PublishAsync(server, source, StalledStream.EventsToFollow, 90_000);
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(stream.IsDone);
        Assert.Equal(head, stream.ResnapshotSeq);
        Assert.InRange(stream.StaleEvents, 1, 60);
        Assert.True(stream.StaleDataBytes < 200 * 1024, $"{stream.StaleDataBytes} stale bytes");
        Assert.Equal(1, stream.Recorder.Resnapshots);

        // The snapshot stands for every event between the last stale one and the head.
        Assert.Equal(head - stream.LastSeqBeforeStall!.Value - stream.StaleEvents, stream.Recorder.SkippedBySnapshot);
        Assert.Equal(0, stream.Recorder.Gaps);
        Assert.NotNull(stream.ResumeToCurrentMs);
    }

    [Fact]
    public async Task RunAsync_ShortStall_CatchesUpEventByEventWithoutSnapshot()
    {
        var source = new ScriptedStatusSource(ScriptedStatusSource.ManyIndices(40, 1000));
        await using var server = await TestServer.StartAsync(new SummaryOptions { Streaming = new() { QueueMax = 16, ReplayEvents = 16 } }, source);
        var (stream, resume, run) = await OpenAndStallAsync(server);

        // Fewer than the queue and small enough for the socket: nothing is dropped.
        await PublishAsync(server, source, 5, 2000);
        resume.SetResult(server.Log.Current.Seq);
        await PublishAsync(server, source, StalledStream.EventsToFollow, 90_000);
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(stream.IsDone);
        Assert.True(stream.IsCurrent);
        Assert.Null(stream.ResnapshotSeq);
        Assert.Equal(5, stream.StaleEvents);
        Assert.Equal(0, stream.Recorder.Resnapshots);
        Assert.Equal(0, stream.Recorder.Gaps);
    }

    private static async Task<(StalledStream Stream, TaskCompletionSource<long> Resume, Task Run)> OpenAndStallAsync(TestServer server)
    {
        var target = await EventStreamTarget.ResolveAsync(
            new BenchOptions(new Uri(server.BaseAddress, "/summary/events"), 1, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(1)), CancellationToken.None);
        var stream = new StalledStream(0);
        var resume = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = stream.RunAsync(target, 4096, resume.Task, UnixClock.System, CancellationToken.None);
        await stream.Opened.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.True(stream.Recorder.Connected);
        Assert.Equal(server.Log.Current.Seq, stream.LastSeqBeforeStall);
        return (stream, resume, run);
    }

    private static async Task PublishAsync(TestServer server, ScriptedStatusSource source, int events, int basePrice)
    {
        for (var i = 0; i < events; i++)
        {
            source.Set(ScriptedStatusSource.ManyIndices(40, basePrice + i));
            await server.CycleAsync();
        }
    }
}
