using System.Net.Http.Json;
using System.Text.Json;
using G6.Summary.Backplane;
using G6.Summary.Configuration;
using G6.Summary.Tests.Integration;
using G6.Summary.Tests.TestSupport;

namespace G6.Summary.Tests.Backplane;

/// <summary>
/// Faults of the shared log on real processes: Redis stalled (SIGSTOP) or killed (SIGKILL) and back, with
/// and without persistence, and a node killed mid-stream while the status changes.
/// </summary>
public sealed class BackplaneFaultTests
{
    private static readonly SummaryOptions EdgeNode = new() { Status = new() { Source = StatusSourceKind.None } };

    [Fact]
    public async Task RedisStalled_StreamsStayOpenNoEventIsInventedHealthDegraded_ThenCatchUpWithoutGap()
    {
        await using var redis = await RedisServer.StartAsync();
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status(cpu: 1));
        await using var a = await TestServer.StartAsync(SharedLog.Node(redis, "a"), source);
        await using var b = await TestServer.StartAsync(SharedLog.Node(redis, "b", EdgeNode));
        await using var client = await b.OpenStreamAsync();
        var model = new ClientModel();
        model.Apply(await client.NextAsync());
        model.Apply(await client.NextAsync());
        var seq = a.Log.Current.Seq;

        redis.Pause();
        source.Set(ScriptedStatusSource.Status(cpu: 2));
        await a.CycleAsync();
        await a.CycleAsync();
        await Wait.UntilAsync(() => State(b) == BackplaneStatus.Degraded, "node b to see the stall");

        // Nothing outside the log: neither node moved, no client got an event, and both say why in health.
        Assert.Equal(seq, a.Log.Current.Seq);
        Assert.Equal(seq, b.Log.Current.Seq);
        Assert.False(client.TryRead(out var early), $"unexpected {early?.Name}");
        foreach (var node in new[] { a, b })
        {
            using var health = await node.Client.GetFromJsonAsync<JsonDocument>("/summary/health");
            Assert.Equal("degraded", health!.RootElement.GetProperty("status").GetString());
            Assert.Equal("degraded", health.RootElement.GetProperty("backplane").GetProperty("state").GetString());
        }

        // One log line for the outage, not one per cycle.
        Assert.Single(a.Logs.Lines, l => l.Contains("Backplane degraded", StringComparison.Ordinal));
        Assert.Matches(@"g6_backplane_failures_total\{operation=""append""\} [1-9]", await a.Client.GetStringAsync("/metrics"));
        Assert.Contains("g6_backplane_degraded 1", await b.Client.GetStringAsync("/metrics"), StringComparison.Ordinal);

        redis.Resume();
        await a.CycleAsync();
        await Wait.UntilAsync(() => State(a) == BackplaneStatus.Ok && State(b) == BackplaneStatus.Ok, "both nodes ok again");

        // The change reaches the client once, as the next seq (the append sent during the stall may land late; never twice).
        var update = await client.NextAsync();
        Assert.Equal("panel_update", update.Name);
        Assert.Equal(seq + 1, update.Seq);
        model.Apply(update);
        await a.CycleAsync();
        Assert.Equal(seq + 1, a.Log.Current.Seq);
        Assert.Equal(b.Log.Current.Digest, model.Digest());
        Assert.Contains(a.Logs.Lines, l => l.Contains("Backplane ok again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RedisKilledAndBackEmpty_NewEpochAndClientsGetTheWholeStateFirst()
    {
        await using var redis = await RedisServer.StartAsync();
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status(cpu: 1));
        await using var a = await TestServer.StartAsync(SharedLog.Node(redis, "a"), source);
        await using var b = await TestServer.StartAsync(SharedLog.Node(redis, "b", EdgeNode));
        var oldEpoch = a.Log.Current.Epoch;
        await using var client = await b.OpenStreamAsync();
        var model = new ClientModel();
        model.Apply(await client.NextAsync());
        model.Apply(await client.NextAsync());

        await redis.KillAsync();
        source.Set(ScriptedStatusSource.Status(cpu: 2));
        await a.CycleAsync();
        await Wait.UntilAsync(() => State(b) == BackplaneStatus.Degraded, "node b to see Redis gone");
        Assert.False(client.TryRead(out var early), $"unexpected {early?.Name}");

        // Back without its data (no persistence): a new epoch, and the client is sent the whole state before any event of it.
        await redis.StartAgainAsync();
        await Wait.UntilAsync(() => a.Log.Current.Epoch != oldEpoch && b.Log.Current.Epoch == a.Log.Current.Epoch, "a new epoch on both nodes");
        var snapshot = await client.NextAsync();
        Assert.Equal("full_snapshot", snapshot.Name);
        Assert.Equal(b.Log.Current.Epoch, snapshot.Data.GetProperty("epoch").GetString());
        model.Apply(snapshot);
        await a.CycleAsync();
        var update = await client.NextAsync();
        Assert.Equal("panel_update", update.Name);
        Assert.Equal($"{b.Log.Current.Epoch}-1", update.Id);
        model.Apply(update);
        Assert.Equal(a.Log.Current.Digest, model.Digest());
    }

    [Fact]
    public async Task RedisKilledWithAofAlways_ComesBackWithTheLog_SameEpochNoGap()
    {
        await using var redis = await RedisServer.StartAsync("--appendonly", "yes", "--appendfsync", "always");
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status(cpu: 1));
        await using var a = await TestServer.StartAsync(SharedLog.Node(redis, "a"), source);
        await using var b = await TestServer.StartAsync(SharedLog.Node(redis, "b", EdgeNode));
        var epoch = a.Log.Current.Epoch;
        await using var client = await b.OpenStreamAsync();
        var model = new ClientModel();
        model.Apply(await client.NextAsync());
        model.Apply(await client.NextAsync());
        source.Set(ScriptedStatusSource.Status(cpu: 2));
        await a.CycleAsync();
        model.Apply(await client.NextAsync());

        await redis.KillAsync();
        await Wait.UntilAsync(() => State(b) == BackplaneStatus.Degraded, "node b to see Redis gone");
        await redis.StartAgainAsync();
        await Wait.UntilAsync(() => State(a) == BackplaneStatus.Ok && State(b) == BackplaneStatus.Ok, "both nodes ok again");
        source.Set(ScriptedStatusSource.Status(cpu: 3));
        await a.CycleAsync();

        var update = await client.NextAsync();
        Assert.Equal("panel_update", update.Name);
        Assert.Equal(model.Seq + 1, update.Seq);
        Assert.Equal(epoch, a.Log.Current.Epoch);
        model.Apply(update);
        Assert.Equal(b.Log.Current.Digest, model.Digest());
    }

    [Fact]
    public async Task NodeKilledMidStream_ClientResumesOnAnotherNodeAndTheNextChangeArrivesOnce()
    {
        await using var redis = await RedisServer.StartAsync();
        using var folder = new TempDirectory();
        var path = folder.File("runtime_status.json");
        SharedLog.WriteStatus(path, 1);
        Dictionary<string, string> Node(string id) => new()
        {
            ["G6_BACKPLANE"] = "redis",
            ["G6_REDIS"] = redis.Configuration,
            ["G6_NODE_ID"] = id,
            ["G6_SUMMARY_STATUS_FILE"] = path,
            ["G6_SUMMARY_REFRESH_SEC"] = "0.05",
            ["G6_SSE_HEARTBEAT_CYCLES"] = "2",
            ["G6_SSE_PORT"] = "0",
        };

        await using var a = ServiceProcess.Start(Node("a"), "serve");
        await using var b = ServiceProcess.Start(Node("b"), "serve");
        var onA = new SseTestClient(await a.WaitForAddressAsync(TimeSpan.FromSeconds(30)));
        var addressB = await b.WaitForAddressAsync(TimeSpan.FromSeconds(30));
        var model = new ClientModel();
        var lastId = "";
        void Apply(ReceivedEvent evt)
        {
            model.Apply(evt);
            lastId = evt.Name == "hello" ? lastId : evt.Id;
        }

        await using (onA)
        {
            await onA.ConnectAsync("/summary/events", null);
            Apply(await onA.NextAsync());
            Apply(await onA.NextAsync());
            SharedLog.WriteStatus(path, 2);
            while (SharedLog.LoopCycle(model) != 2)
            {
                Apply(await onA.NextAsync());
            }

            // A dies without a word; its client sees the connection end.
            a.SendSignal(ServiceProcess.SigKill);
            await a.WaitForExitAsync(TimeSpan.FromSeconds(10));
            await Task.WhenAny(onA.Completion, Task.Delay(TimeSpan.FromSeconds(10)));
            while (onA.TryRead(out var evt))
            {
                Apply(evt);
            }
        }

        // The status changes while the node that published so far is dead: B's own source must bring it in.
        SharedLog.WriteStatus(path, 3);
        await using var onB = new SseTestClient(addressB);
        await onB.ConnectAsync("/summary/events", lastId);
        Assert.True((await onB.NextAsync()).Data.GetProperty("resumed").GetBoolean());
        var changes = 0;
        var after = 0;
        while (after < 3)
        {
            var evt = await onB.NextAsync();
            Assert.Equal(model.Seq + 1, evt.Seq);
            model.Apply(evt);
            if (evt.Name == "panel_update")
            {
                changes++;
                Assert.Equal(3, SharedLog.LoopCycle(model));
            }
            else if (changes == 1)
            {
                Assert.Equal("heartbeat", evt.Name);
                after++;
            }
        }

        Assert.Equal(1, changes);
    }

    private static string State(TestServer node) => node.Service<IBackplaneStatus>().Status.State;
}
