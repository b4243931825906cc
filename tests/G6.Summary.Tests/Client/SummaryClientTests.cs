using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using G6.Summary.Bench.Simulation;
using G6.Summary.Client;
using G6.Summary.Configuration;
using G6.Summary.Tests.Integration;
using G6.Summary.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace G6.Summary.Tests.Client;

/// <summary>The client library against the real server (and, for refusals, a stub handler).</summary>
public sealed class SummaryClientTests
{
    [Fact]
    public async Task RunAsync_StatusFileRewritten_ConvergesToServerDigestAfterEveryChange()
    {
        using var dir = new TempDirectory();
        var path = dir.File("status.json");
        await File.WriteAllBytesAsync(path, Fixtures.ReadStatus("runtime_status.json"));
        await using var server = await TestServer.StartAsync(new SummaryOptions { Status = new() { File = path } });
        await using var client = new SummaryClient(new SummaryClientOptions { BaseAddress = server.BaseAddress });
        using var stop = new CancellationTokenSource();
        var run = client.RunAsync(stop.Token);
        await WaitConvergedAsync(client, server);

        var status = JsonNode.Parse(Fixtures.ReadStatus("runtime_status.json"))!;
        for (var i = 1; i <= 6; i++)
        {
            status["resources"]!["cpu"] = 10.5 + i;
            if (i % 2 == 0)
            {
                status["analytics"]!["pcr"] = 0.5 + (i / 10.0);
            }

            await StatusFileWriter.WriteAtomicallyAsync(path, Encoding.UTF8.GetBytes(status.ToJsonString()), CancellationToken.None);
            await server.CycleAsync();
            await WaitConvergedAsync(client, server);
        }

        var view = client.Current;
        Assert.Equal(ConnectionState.Live, view.State);
        Assert.True(view.IsSynchronized);
        Assert.Equal(0, view.Resyncs);
        Assert.Contains(view.Panels.Single(p => p.Key == "resources").Lines, l => l.Contains("16.5%", StringComparison.Ordinal));
        await stop.CancelAsync();
        await run;
        Assert.Equal(ConnectionState.Stopped, client.State);
    }

    [Fact]
    public async Task WatchAsync_SnapshotLargerThanEventLimit_ResyncsAndFollowsUpdates()
    {
        // With a 1 KiB event limit the ten-panel full_snapshot is sent as `truncated`: only a resync gets the state.
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status());
        await using var server = await TestServer.StartAsync(new SummaryOptions { Streaming = new() { MaxEventBytes = 1024 } }, source);
        await using var client = new SummaryClient(new SummaryClientOptions { BaseAddress = server.BaseAddress });
        using var stop = new CancellationTokenSource();
        var views = new ConcurrentQueue<SummaryView>();
        var watch = Task.Run(async () =>
        {
            await foreach (var view in client.WatchAsync(stop.Token))
            {
                views.Enqueue(view);
            }
        });

        await WaitConvergedAsync(client, server);
        Assert.True(client.Current.Resyncs >= 1);

        source.Set(ScriptedStatusSource.Status(cpu: 55.5));
        await server.CycleAsync();
        await WaitConvergedAsync(client, server);

        await stop.CancelAsync();
        await watch;
        Assert.Contains(views, v => v.State == ConnectionState.Live && v.Panels.Count == 10);
        Assert.Contains(views, v => v.Problem?.Contains("truncated", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task RunAsync_StreamSilentPastTwiceStaleThreshold_StaleThenResumesWithLastEventId()
    {
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status());
        await using var server = await TestServer.StartAsync(source: source);
        var clock = new FakeTimeProvider();
        await using var client = new SummaryClient(
            new SummaryClientOptions { BaseAddress = server.BaseAddress, StaleAfter = TimeSpan.FromSeconds(10) }, timeProvider: clock);
        using var stop = new CancellationTokenSource();
        var run = client.RunAsync(stop.Token);
        await WaitConvergedAsync(client, server);

        clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(ConnectionState.Stale, client.State);

        clock.Advance(TimeSpan.FromSeconds(10));
        await Wait.UntilAsync(() => client.State == ConnectionState.Reconnecting, "the silent stream to be dropped");

        // Published while the client is away: it must arrive as a replay after the resumed hello.
        source.Set(ScriptedStatusSource.Status(pcr: 2.5));
        await server.CycleAsync();
        await Wait.UntilAsync(
            () =>
            {
                if (client.State == ConnectionState.Reconnecting)
                {
                    clock.Advance(TimeSpan.FromMilliseconds(500)); // through the backoff delay
                }

                return client.Current is { State: ConnectionState.Live } view && view.Seq == server.Log.Current.Seq;
            },
            "the client to resume");

        var resumed = client.Current;
        Assert.True(resumed.Resumed);
        Assert.Equal(server.Log.Current.Digest, resumed.Digest);
        Assert.Equal(0, resumed.Resyncs);
        Assert.Equal(1, resumed.Reconnects);
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task RunAsync_ServerShutsDown_ByeTreatedAsPlannedRestart()
    {
        var server = await TestServer.StartAsync(source: new ScriptedStatusSource(ScriptedStatusSource.Status()));
        await using var client = new SummaryClient(new SummaryClientOptions { BaseAddress = server.BaseAddress });
        var views = new ConcurrentQueue<SummaryView>();
        client.Changed += (_, view) => views.Enqueue(view);
        using var stop = new CancellationTokenSource();
        var run = client.RunAsync(stop.Token);
        await WaitConvergedAsync(client, server);

        await server.DisposeAsync();

        await Wait.UntilAsync(() => client.State == ConnectionState.Reconnecting, "the client to notice the restart");
        Assert.Contains(views, v => v.State == ConnectionState.Reconnecting && v.Problem?.StartsWith("server restarting", StringComparison.Ordinal) == true);
        Assert.Equal(10, client.Current.Panels.Count);
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task RunAsync_Unauthorized_ShowsStateAndWaitsBeforeRetrying()
    {
        var clock = new FakeTimeProvider();
        using var handler = new StubHandler(clock, _ => new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new StringContent("unauthorized") });
        await using var client = new SummaryClient(
            new SummaryClientOptions { BaseAddress = new Uri("http://summary.test:9320/base"), ApiToken = "wrong", UserAgent = "dash-test/1" },
            handler,
            clock);
        using var stop = new CancellationTokenSource();
        var run = client.RunAsync(stop.Token);

        await Wait.UntilAsync(() => client.State == ConnectionState.Unauthorized, "the unauthorized state");
        Assert.Contains("401", client.Current.Problem, StringComparison.Ordinal);
        await Wait.UntilAsync(
            () =>
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                return handler.Requests.Count >= 2;
            },
            "a second attempt");

        var requests = handler.Requests.ToArray();
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(30), "no retry before UnauthorizedRetryDelay");
        Assert.Equal("/base/summary/events", requests[0].Path);
        Assert.Equal("wrong", requests[0].Headers["X-API-Token"]);
        Assert.Equal("dash-test/1", requests[0].Headers["User-Agent"]);
        Assert.False(requests[0].Headers.ContainsKey("Last-Event-ID"));
        Assert.Equal(ConnectionState.Unauthorized, client.State);
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task RunAsync_TooManyConnections_HonoursRetryAfter()
    {
        var clock = new FakeTimeProvider();
        using var handler = new StubHandler(clock, _ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent("too many connections") };
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(120));
            return response;
        });
        await using var client = new SummaryClient(new SummaryClientOptions { BaseAddress = new Uri("http://summary.test") }, handler, clock);
        using var stop = new CancellationTokenSource();
        var run = client.RunAsync(stop.Token);

        await Wait.UntilAsync(
            () =>
            {
                clock.Advance(TimeSpan.FromSeconds(5));
                return handler.Requests.Count >= 2;
            },
            "a second attempt");

        var requests = handler.Requests.ToArray();
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(120));
        Assert.Equal(ConnectionState.Reconnecting, client.State);
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task RunAsync_PanelSubset_FollowsOnlyThosePanels_AcrossSkippedEvents_WithoutResync()
    {
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status());
        await using var server = await TestServer.StartAsync(source: source);
        await using var client = new SummaryClient(new SummaryClientOptions { BaseAddress = server.BaseAddress, Panels = ["resources", "analytics"] });
        using var stop = new CancellationTokenSource();
        var run = client.RunAsync(stop.Token);
        await WaitSubsetConvergedAsync(client, server, "resources", "analytics");

        // A change outside the subset is skipped (a seq gap the client accepts); the next one inside it arrives.
        source.Set(ScriptedStatusSource.Status(niftyLtp: 20001));
        await server.CycleAsync();
        source.Set(ScriptedStatusSource.Status(niftyLtp: 20001, cpu: 61.5));
        await server.CycleAsync();
        await WaitSubsetConvergedAsync(client, server, "resources", "analytics");

        var view = client.Current;
        Assert.Equal(["resources", "analytics"], view.Panels.Select(p => p.Key).Order(StringComparer.Ordinal).Reverse());
        Assert.Contains(view.Panels.Single(p => p.Key == "resources").Lines, l => l.Contains("61.5%", StringComparison.Ordinal));
        Assert.Equal(0, view.Resyncs);
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task RunAsync_AcceptGzip_FollowsTheCompressedStream()
    {
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status());
        await using var server = await TestServer.StartAsync(source: source);
        var compressor = server.Service<G6.Summary.Compression.FrameCompressor>();
        await using var client = new SummaryClient(new SummaryClientOptions { BaseAddress = server.BaseAddress, AcceptGzip = true });
        using var stop = new CancellationTokenSource();
        var run = client.RunAsync(stop.Token);
        await WaitConvergedAsync(client, server);
        var before = compressor.Compressions;

        source.Set(ScriptedStatusSource.Status(cpu: 71.5));
        await server.CycleAsync();
        await WaitConvergedAsync(client, server);

        // The update reached the client through a gzip piece: the server compressed it (once) for this stream.
        Assert.True(compressor.Compressions > before, "the update was sent compressed");
        Assert.Contains(client.Current.Panels.Single(p => p.Key == "resources").Lines, l => l.Contains("71.5%", StringComparison.Ordinal));
        Assert.Equal(0, client.Current.Resyncs);
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public void Options_PanelKeyWithOtherCharacters_Refused() =>
        Assert.Throws<ArgumentException>(() => new SummaryClientOptions { BaseAddress = new Uri("http://127.0.0.1:1"), Panels = ["indices&x=1"] }.Validate());

    // Converged on a subset: the server's state at its seq, seen through the subset (the digest over its panels).
    private static Task WaitSubsetConvergedAsync(SummaryClient client, TestServer server, params string[] keys) =>
        Wait.UntilAsync(
            () => client.Current is { State: ConnectionState.Live, IsSynchronized: true } view
                && server.Hub.Filters.All.SingleOrDefault(f => f.KeySet.SetEquals(keys)) is { } filter
                && view.Digest == filter.View(server.Log.Current).Digest
                && view.Panels.Count == keys.Length,
            "the subset client to reach the server's subset digest");

    private static Task WaitConvergedAsync(SummaryClient client, TestServer server) =>
        Wait.UntilAsync(
            () => client.Current is { State: ConnectionState.Live, IsSynchronized: true } view
                && view.Seq == server.Log.Current.Seq
                && view.Digest == server.Log.Current.Digest,
            "the client to reach the server's digest");
}
