using System.Net;
using G6.Summary.Configuration;

namespace G6.Summary.Tests.Integration;

public sealed class EventsEndpointTests
{
    [Fact]
    public async Task Events_FreshStream_RetryHelloThenFullSnapshotWithProtocolHeaders()
    {
        await using var server = await TestServer.StartAsync(source: new ScriptedStatusSource(ScriptedStatusSource.Status()));
        await using var client = await server.OpenStreamAsync();

        var response = client.Response!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("no-cache", response.Headers.CacheControl!.ToString());
        Assert.Equal("no", Assert.Single(response.Headers.GetValues("X-Accel-Buffering")));
        Assert.False(response.Headers.Contains("Server"));

        var hello = await client.NextAsync();
        Assert.Equal("hello", hello.Name);
        Assert.False(hello.Data.GetProperty("resumed").GetBoolean());
        Assert.Equal(TimeSpan.FromMilliseconds(StreamingOptions.DefaultRetryMs), client.Retry);
        var snapshot = await client.NextAsync();
        Assert.Equal("full_snapshot", snapshot.Name);
        Assert.Equal(hello.Id, snapshot.Id);
        Assert.Equal($"{server.Log.Current.Epoch}-1", snapshot.Id);

        var model = new ClientModel();
        model.Apply(snapshot);
        Assert.Equal(10, model.Panels.Count);
        Assert.Equal(hello.Data.GetProperty("digest").GetString(), model.Digest());
    }

    [Fact]
    public async Task Events_StatusChanged_PanelUpdateNamesExactlyTheChangedPanels()
    {
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status());
        await using var server = await TestServer.StartAsync(source: source);
        await using var client = await server.OpenStreamAsync();
        var model = new ClientModel();
        await client.NextAsync();
        model.Apply(await client.NextAsync());

        source.Set(ScriptedStatusSource.Status(pcr: 0.91));
        await server.CycleAsync();
        var first = await client.NextAsync();
        Assert.Equal("panel_update", first.Name);
        Assert.Equal(["analytics"], first.Data.GetProperty("updates").EnumerateArray().Select(u => u.GetProperty("key").GetString()));
        model.Apply(first);

        source.Set(ScriptedStatusSource.Status(pcr: 0.91, cpu: 55.5, niftyLtp: 20001.25));
        await server.CycleAsync();
        var second = await client.NextAsync();
        Assert.Equal(["indices", "resources"], second.Data.GetProperty("updates").EnumerateArray().Select(u => u.GetProperty("key").GetString()).Order());
        Assert.Equal(first.Seq + 1, second.Seq);
        model.Apply(second);
        Assert.Contains(model.Panels["resources"].Lines, l => l.Contains("55.5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Events_IdleCycles_HeartbeatCarriesClientDigest()
    {
        await using var server = await TestServer.StartAsync(new SummaryOptions { Streaming = new() { HeartbeatCycles = 3 } }, new ScriptedStatusSource(ScriptedStatusSource.Status()));
        await using var client = await server.OpenStreamAsync();
        var model = new ClientModel();
        await client.NextAsync();
        model.Apply(await client.NextAsync());

        for (var i = 0; i < 6; i++)
        {
            await server.CycleAsync();
        }

        var beat1 = await client.NextAsync();
        var beat2 = await client.NextAsync();
        Assert.Equal(("heartbeat", "heartbeat"), (beat1.Name, beat2.Name));
        Assert.True(beat1.Data.GetProperty("unchanged").GetBoolean());
        Assert.Equal(model.Digest(), beat1.Data.GetProperty("digest").GetString());
        Assert.Equal(4, beat1.Data.GetProperty("cycle").GetInt64());
        Assert.Equal(7, beat2.Data.GetProperty("cycle").GetInt64());
        Assert.Equal(beat1.Seq + 1, beat2.Seq);
    }

    [Fact]
    public async Task Events_LoopTimer_PublishesHeartbeatsOnItsOwn()
    {
        var options = new SummaryOptions { Status = new() { RefreshInterval = TimeSpan.FromMilliseconds(20) }, Streaming = new() { HeartbeatCycles = 2 } };
        await using var server = await TestServer.StartAsync(options, new ScriptedStatusSource(ScriptedStatusSource.Status()));
        await using var client = await server.OpenStreamAsync();
        await client.NextNamedAsync("full_snapshot");

        var (first, _) = await client.NextNamedAsync("heartbeat");
        var (second, between) = await client.NextNamedAsync("heartbeat");
        Assert.Empty(between);
        Assert.Equal(2, second.Data.GetProperty("cycle").GetInt64() - first.Data.GetProperty("cycle").GetInt64());
    }

    [Fact]
    public async Task Events_StructuredMode_SendsPanelDiff()
    {
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status());
        await using var server = await TestServer.StartAsync(new SummaryOptions { Streaming = new() { Structured = true } }, source);
        await using var client = await server.OpenStreamAsync();
        var hello = await client.NextAsync();
        Assert.Equal("structured", hello.Data.GetProperty("diff_mode").GetString());
        var model = new ClientModel();
        model.Apply(await client.NextAsync());

        source.Set(ScriptedStatusSource.Status(pcr: 2.5));
        await server.CycleAsync();
        var diff = await client.NextAsync();
        Assert.Equal("panel_diff", diff.Name);
        Assert.True(diff.Data.GetProperty("structured").GetBoolean());
        Assert.Equal(["analytics"], diff.Data.GetProperty("panels").EnumerateObject().Select(p => p.Name));
        model.Apply(diff);
    }

    [Fact]
    public async Task Events_StreamingTurnedOff_NotServed()
    {
        await using var server = await TestServer.StartAsync(new SummaryOptions { Streaming = new() { Enabled = false } }, new ScriptedStatusSource(ScriptedStatusSource.Status()));
        using var response = await server.Client.GetAsync(new Uri("/summary/events", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
