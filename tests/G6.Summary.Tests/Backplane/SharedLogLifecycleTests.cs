using System.Net.Http.Json;
using System.Text.Json;
using G6.Summary.Configuration;
using G6.Summary.Tests.Integration;
using G6.Summary.Tests.TestSupport;

namespace G6.Summary.Tests.Backplane;

/// <summary>The shared log across restarts of every node, a Redis that lost its data, trimming, and an edge node.</summary>
public sealed class SharedLogLifecycleTests
{
    private static readonly SummaryOptions EdgeNode = new() { Status = new() { Source = StatusSourceKind.None } };

    [Fact]
    public async Task EveryNodeRestarted_SameEpochAndClientsResume()
    {
        await using var redis = await RedisServer.StartAsync();
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status(cpu: 1));
        string epoch, lastId;
        await using (var a = await TestServer.StartAsync(SharedLog.Node(redis, "a"), source))
        await using (var b = await TestServer.StartAsync(SharedLog.Node(redis, "b", EdgeNode)))
        {
            epoch = a.Log.Current.Epoch;
            await using var client = await b.OpenStreamAsync();
            await client.NextAsync();
            lastId = (await client.NextAsync()).Id;
            await b.StopAsync();
            await a.StopAsync();
        }

        // Both nodes gone; the log stays in Redis. They come back (A with the same status, so nothing new to say).
        await using var a2 = await TestServer.StartAsync(SharedLog.Node(redis, "a"), new ScriptedStatusSource(ScriptedStatusSource.Status(cpu: 1)));
        await using var b2 = await TestServer.StartAsync(SharedLog.Node(redis, "b", EdgeNode));
        Assert.Equal(epoch, a2.Log.Current.Epoch);
        Assert.Equal(epoch, b2.Log.Current.Epoch);
        Assert.Equal($"{epoch}-{b2.Log.Current.Seq}", lastId);

        await using var resumed = await b2.OpenStreamAsync(lastId);
        var hello = await resumed.NextAsync();
        Assert.True(hello.Data.GetProperty("resumed").GetBoolean());
        Assert.False(resumed.TryRead(out var extra), $"unexpected {extra?.Name}");
    }

    [Fact]
    public async Task FlushAll_NewEpochAndEveryStreamGetsAFullSnapshotBeforeItsEvents()
    {
        await using var redis = await RedisServer.StartAsync();
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status(cpu: 1));
        await using var a = await TestServer.StartAsync(SharedLog.Node(redis, "a"), source);
        await using var b = await TestServer.StartAsync(SharedLog.Node(redis, "b", EdgeNode));
        var oldEpoch = b.Log.Current.Epoch;
        var oldId = b.Log.Current.EventId;
        await using var client = await b.OpenStreamAsync();
        var model = new ClientModel();
        model.Apply(await client.NextAsync());
        model.Apply(await client.NextAsync());

        Assert.Equal("+OK", await redis.CommandAsync("FLUSHALL"));
        await Wait.UntilAsync(() => a.Log.Current.Epoch != oldEpoch && b.Log.Current.Epoch == a.Log.Current.Epoch, "both nodes to join the new epoch");
        var newEpoch = b.Log.Current.Epoch;

        // The open stream: the new epoch's state first, whole, then its events.
        var snapshot = await client.NextAsync();
        Assert.Equal("full_snapshot", snapshot.Name);
        Assert.Equal(newEpoch, snapshot.Data.GetProperty("epoch").GetString());
        model.Apply(snapshot);
        source.Set(ScriptedStatusSource.Status(cpu: 2));
        await a.CycleAsync();
        var update = await client.NextAsync();
        Assert.Equal("panel_update", update.Name);
        Assert.StartsWith(newEpoch + "-", update.Id, StringComparison.Ordinal);
        model.Apply(update);
        Assert.Equal(b.Log.Current.Digest, model.Digest());

        // A client coming back with an id of the lost epoch starts over too.
        await using var late = await a.OpenStreamAsync(oldId);
        Assert.False((await late.NextAsync()).Data.GetProperty("resumed").GetBoolean());
        Assert.Equal("full_snapshot", (await late.NextAsync()).Name);
        Assert.Contains("Started epoch", string.Join('\n', a.Logs.Lines.Concat(b.Logs.Lines)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trimming_StreamStaysNearTheReplayWindow_ClientBehindItGetsAFullSnapshot()
    {
        // Small macro nodes so that MAXLEN ~ can trim at this scale (Redis trims whole nodes, 100 entries by default).
        await using var redis = await RedisServer.StartAsync("--stream-node-max-entries", "4");
        var options = new SummaryOptions { Streaming = new() { ReplayEvents = 8, QueueMax = 8 } };
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status(cpu: 0));
        await using var a = await TestServer.StartAsync(SharedLog.Node(redis, "a", options), source);
        var oldId = a.Log.Current.EventId;
        for (var cpu = 1; cpu <= 50; cpu++)
        {
            source.Set(ScriptedStatusSource.Status(cpu: cpu));
            await a.CycleAsync();
        }

        var length = long.Parse((await redis.CommandAsync("XLEN", "{g6:summary}:log")).TrimStart(':'), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(length, 8, 8 + 4);

        // A node that starts now builds its window from what the stream still holds.
        await using var b = await TestServer.StartAsync(SharedLog.Node(redis, "b", options with { Status = EdgeNode.Status }));
        var head = b.Log.Current.Seq;
        Assert.Equal(a.Log.Current.Digest, b.Log.Current.Digest);
        Assert.True(b.Log.TryGet(head, out _));
        Assert.True(b.Log.TryGet(head - 7, out _));
        Assert.False(b.Log.TryGet(head - 20, out _));

        await using var behind = await b.OpenStreamAsync(oldId);
        Assert.False((await behind.NextAsync()).Data.GetProperty("resumed").GetBoolean());
        Assert.Equal("full_snapshot", (await behind.NextAsync()).Name);

        var recent = $"{b.Log.Current.Epoch}-{head - 5}";
        await using var inside = await b.OpenStreamAsync(recent);
        Assert.True((await inside.NextAsync()).Data.GetProperty("resumed").GetBoolean());
        Assert.Equal(head - 4, (await inside.NextAsync()).Seq);
    }

    [Fact]
    public async Task EdgeNode_ServesTheSharedLogAndFollowsIt()
    {
        await using var redis = await RedisServer.StartAsync();
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status(cpu: 1));
        await using var a = await TestServer.StartAsync(SharedLog.Node(redis, "a"), source);
        await using var edge = await TestServer.StartAsync(SharedLog.Node(redis, "edge-1", EdgeNode));
        Assert.Equal(a.Log.Current.Digest, edge.Log.Current.Digest);

        await using var client = await edge.OpenStreamAsync();
        await client.NextAsync();
        var snapshot = await client.NextAsync();
        Assert.NotEmpty(snapshot.Data.GetProperty("panels").EnumerateObject());
        source.Set(ScriptedStatusSource.Status(cpu: 2));
        await a.CycleAsync();
        var update = await client.NextAsync();
        Assert.Equal("panel_update", update.Name);
        Assert.Equal(a.Log.Current.EventId, update.Id);

        using var health = await edge.Client.GetFromJsonAsync<JsonDocument>("/summary/health");
        var backplane = health!.RootElement.GetProperty("backplane");
        Assert.Equal("redis", backplane.GetProperty("kind").GetString());
        Assert.Equal("ok", backplane.GetProperty("state").GetString());
        Assert.Equal("edge-1", backplane.GetProperty("node_id").GetString());
        Assert.Equal(0, backplane.GetProperty("lag").GetInt64());
        Assert.Equal("ok", health.RootElement.GetProperty("status").GetString());
    }
}
