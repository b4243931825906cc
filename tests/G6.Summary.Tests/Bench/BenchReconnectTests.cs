using G6.Summary.Bench.Harness;
using G6.Summary.Configuration;
using G6.Summary.Tests.Backplane;
using G6.Summary.Tests.Integration;
using G6.Summary.Tests.TestSupport;

namespace G6.Summary.Tests.Bench;

/// <summary>
/// The harness's reconnecting streams (<c>bench --reconnect</c>) across a restart of the real server: with the
/// in-memory log every stream starts over (new epoch, full snapshot); with the shared log every one resumes.
/// </summary>
public sealed class BenchReconnectTests
{
    private const int Streams = 5;

    [Fact]
    public async Task Restart_MemoryLog_EveryStreamReopensWithAFullSnapshotOfANewEpoch()
    {
        var report = await RunAcrossRestartAsync(null);
        var r = report.Reconnects!;
        Assert.Equal(Streams, r.StreamsReconnected);
        Assert.Equal(0, r.StreamsWaiting);
        Assert.Equal(0, r.Resumed);
        Assert.Equal(Streams, r.FullSnapshots);
        Assert.Equal(Streams, r.EpochChanges);
        Assert.Equal(0, report.Sequence.Gaps);
        Assert.Equal(0, report.Sequence.Duplicates);
    }

    [Fact]
    public async Task Restart_SharedLog_EveryStreamResumesWithoutGapOrSnapshot()
    {
        await using var redis = await RedisServer.StartAsync();
        var report = await RunAcrossRestartAsync(redis);
        var r = report.Reconnects!;
        Assert.Equal(Streams, r.StreamsReconnected);
        Assert.Equal(0, r.StreamsWaiting);
        Assert.Equal(Streams, r.Resumed);
        Assert.Equal(0, r.FullSnapshots);
        Assert.Equal(0, r.EpochChanges);
        Assert.Equal(0, report.Sequence.Gaps);
        Assert.Equal(0, report.Sequence.Duplicates);
        Assert.Equal(0, report.Sequence.Resnapshots);
    }

    private static async Task<BenchReport> RunAcrossRestartAsync(RedisServer? redis)
    {
        SummaryOptions Options() => redis is null ? new SummaryOptions() : SharedLog.Node(redis, "a");
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status(cpu: 1));
        var server = await TestServer.StartAsync(Options(), source);
        var port = server.BaseAddress.Port;
        var runner = new BenchRunner(new BenchOptions(
            new Uri(server.BaseAddress, "/summary/events"), Streams, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMinutes(1), Reconnect: true));
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var run = runner.RunAsync(stop.Token);
        try
        {
            await Wait.UntilAsync(() => server.Hub.ActiveStreams == Streams && runner.EventsReceived == Streams * 2, "every stream open");
            source.Set(ScriptedStatusSource.Status(cpu: 2));
            await server.CycleAsync();
            await Wait.UntilAsync(() => runner.EventsReceived == Streams * 3, "the first change on every stream");

            // SIGTERM's path: bye to every stream, port closed; then the server comes back on the same port.
            await server.DisposeAsync();
            source.Set(ScriptedStatusSource.Status(cpu: 2));
            server = await TestServer.StartAsync(Options(), source, port: port);
            // Every stream's hello, so each has read the state it opens on before the next change is made.
            await Wait.UntilAsync(() => runner.Reopened == Streams, "every stream back");
            // Counted before the change is made: a stream that gets it at once must not move the target.
            var expected = runner.EventsReceived + Streams;
            source.Set(ScriptedStatusSource.Status(cpu: 3));
            await server.CycleAsync();
            await Wait.UntilAsync(() => runner.EventsReceived >= expected, "the next change on every stream");
        }
        finally
        {
            await stop.CancelAsync();
            await server.DisposeAsync();
        }

        return await run;
    }
}
