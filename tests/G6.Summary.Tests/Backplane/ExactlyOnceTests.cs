using G6.Summary.Configuration;
using G6.Summary.Tests.Integration;
using G6.Summary.Tests.TestSupport;

namespace G6.Summary.Tests.Backplane;

/// <summary>
/// Several nodes with a status source each, one log: one event per change, none twice, never back to
/// an older status, no gap in seq.
/// </summary>
public sealed class ExactlyOnceTests
{
    private const int Changes = 200;

    [Fact]
    public async Task TwoNodesReadingOneChangingFile_OneEventPerChangeInOrderWithoutGaps()
    {
        await using var redis = await RedisServer.StartAsync();
        using var folder = new TempDirectory();
        var path = folder.File("runtime_status.json");
        SharedLog.WriteStatus(path, 0);

        // Both nodes cycle on their own timers, every 10 ms, so they race for every change.
        var options = new SummaryOptions
        {
            Status = new() { File = path, RefreshInterval = TimeSpan.FromMilliseconds(10) },
            Streaming = new() { ReplayEvents = 1000, QueueMax = 1000 },
        };
        await using var a = await TestServer.StartAsync(SharedLog.Node(redis, "a", options));
        await using var b = await TestServer.StartAsync(SharedLog.Node(redis, "b", options));
        await using var onA = await a.OpenStreamAsync();
        await using var onB = await b.OpenStreamAsync();

        for (var cycle = 1; cycle <= Changes; cycle++)
        {
            SharedLog.WriteStatus(path, cycle);
            await Wait.UntilAsync(() => a.Log.Current.Source.Cycle >= cycle && b.Log.Current.Source.Cycle >= cycle, $"change {cycle} in the log on both nodes");
        }

        var head = a.Log.Current.Seq;
        var fromA = await ReadUntilAsync(onA, head);
        var fromB = await ReadUntilAsync(onB, head);

        // Both clients saw the same log events, byte for byte (hello and the opening snapshot are each node's own
        // encoding of the state, stamped when it was sent; the nodes race, so one stream may have opened a seq later).
        var logA = fromA.Skip(2).ToDictionary(e => e.Id, e => e.RawData);
        var logB = fromB.Skip(2).ToDictionary(e => e.Id, e => e.RawData);
        var shared = logA.Keys.Intersect(logB.Keys).ToList();
        Assert.True(shared.Count >= Changes, $"only {shared.Count} events on both streams");
        Assert.All(shared, id => Assert.Equal(logA[id], logB[id]));

        // Every change once, in order: the loop panel's cycle goes 0, 1, 2, … 200 without a repeat or a step back.
        var model = new ClientModel();
        var cycles = new List<long>();
        var seq = -1L;
        foreach (var evt in fromB)
        {
            model.Apply(evt);
            if (evt.Name == "hello")
            {
                continue;
            }

            Assert.True(seq < 0 || evt.Seq == seq + 1, $"gap or repeat before seq {evt.Seq} (after {seq})");
            seq = evt.Seq;
            if (evt.Name is "full_snapshot" or "panel_update")
            {
                cycles.Add(SharedLog.LoopCycle(model));
            }
        }

        Assert.Equal(Enumerable.Range((int)cycles[0], Changes - (int)cycles[0] + 1).Select(c => (long)c), cycles);
        Assert.Equal(a.Log.Current.Digest, model.Digest());
        Assert.Equal(b.Log.Current.Digest, model.Digest());
    }

    [Fact]
    public async Task NodeHoldingAnOlderStatus_IsRefusedAndTheStateNeverGoesBack()
    {
        await using var redis = await RedisServer.StartAsync();
        var newer = new ScriptedStatusSource(ScriptedStatusSource.Status(cpu: 50, cycle: 105));
        await using var a = await TestServer.StartAsync(SharedLog.Node(redis, "a"), newer);
        var digest = a.Log.Current.Digest;
        var seq = a.Log.Current.Seq;

        // B read the file a moment earlier: an older document with other numbers.
        var older = new ScriptedStatusSource(ScriptedStatusSource.Status(cpu: 40, cycle: 104));
        await using var b = await TestServer.StartAsync(SharedLog.Node(redis, "b"), older);
        for (var i = 0; i < 3; i++)
        {
            await b.CycleAsync();
        }

        Assert.Equal(seq, b.Log.Current.Seq);
        Assert.Equal(digest, b.Log.Current.Digest);
        Assert.Equal(digest, a.Log.Current.Digest);
        var metrics = await b.Client.GetStringAsync("/metrics");
        Assert.Matches(@"g6_backplane_appends_total\{outcome=""older""\} [1-9]", metrics);

        // Once B reads the newer document too, it has nothing to add: no second event for the same change.
        older.Set(ScriptedStatusSource.Status(cpu: 50, cycle: 105));
        await b.CycleAsync();
        Assert.Equal(seq, b.Log.Current.Seq);
    }

    [Fact]
    public async Task TwoQuietNodes_HeartbeatsDoNotDoubleUp()
    {
        await using var redis = await RedisServer.StartAsync();
        var options = new SummaryOptions { Streaming = new() { HeartbeatCycles = 3 } };
        var status = ScriptedStatusSource.Status();
        await using var a = await TestServer.StartAsync(SharedLog.Node(redis, "a", options), new ScriptedStatusSource(status));
        await using var b = await TestServer.StartAsync(SharedLog.Node(redis, "b", options), new ScriptedStatusSource(status));
        var start = a.Log.Current.Seq;

        // Ten quiet cycles, alternating: one node alone would send a heartbeat every third cycle of its own.
        for (var i = 0; i < 5; i++)
        {
            await a.CycleAsync();
            await Wait.UntilAsync(() => b.Log.Current.Seq == a.Log.Current.Seq, "b to follow a");
            await b.CycleAsync();
            await Wait.UntilAsync(() => a.Log.Current.Seq == b.Log.Current.Seq, "a to follow b");
        }

        var heartbeats = 0;
        for (var seq = start + 1; seq <= a.Log.Current.Seq; seq++)
        {
            Assert.True(a.Log.TryGet(seq, out var evt));
            Assert.Equal("heartbeat", evt.Name);
            heartbeats++;
        }

        // Every 3 cycles of the pair's shared count (B's 3rd, then A's 3rd after it): two, not four.
        Assert.Equal(2, heartbeats);
    }

    private static async Task<List<ReceivedEvent>> ReadUntilAsync(SseTestClient client, long head)
    {
        var events = new List<ReceivedEvent>();
        while (events.Count == 0 || events[^1].Name == "hello" || events[^1].Seq < head)
        {
            events.Add(await client.NextAsync());
        }

        return events;
    }
}
