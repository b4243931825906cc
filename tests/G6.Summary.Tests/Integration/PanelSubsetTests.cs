using System.Net;
using G6.Summary.Configuration;

namespace G6.Summary.Tests.Integration;

/// <summary><c>GET /summary/events?panels=a,b</c> on the real server, on both transports (direct socket and Kestrel).</summary>
public sealed class PanelSubsetTests
{
    private const string Subset = "/summary/events?panels=resources,analytics";

    private static async Task<(TestServer Server, ScriptedStatusSource Source)> StartAsync(bool direct, int? maxFilters = null, int heartbeatCycles = 5)
    {
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status());
        var options = new SummaryOptions
        {
            Transport = new() { DirectStreams = direct },
            Streaming = new() { HeartbeatCycles = heartbeatCycles },
            Filters = new() { MaxFilters = maxFilters ?? PanelFilterOptions.DefaultMaxFilters },
        };
        return (await TestServer.StartAsync(options, source), source);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Subset_CarriesOnlyItsPanels_DigestOverThem_SkipsOtherChanges(bool direct)
    {
        var (server, source) = await StartAsync(direct, heartbeatCycles: 2);
        await using var _ = server;
        await using var stream = await server.OpenStreamAsync(path: Subset);
        Assert.Equal(HttpStatusCode.OK, stream.Response!.StatusCode);

        var hello = await stream.NextAsync();
        Assert.Equal("hello", hello.Name);
        Assert.Equal(["analytics", "resources"], hello.Data.GetProperty("panels").EnumerateArray().Select(p => p.GetProperty("key").GetString()));

        // ClientModel recomputes every hash and the digest from the content it holds (only the subset's
        // panels), independently of the server's hasher, and checks each event's digest against it.
        var model = new ClientModel();
        var snapshot = await stream.NextAsync();
        Assert.Equal("full_snapshot", snapshot.Name);
        model.Apply(snapshot);
        Assert.Equal(["analytics", "resources"], model.Panels.Keys);
        Assert.Equal(model.Digest(), hello.Data.GetProperty("digest").GetString());
        Assert.NotEqual(server.Log.Current.Digest, model.Digest());

        // A change to a panel outside the subset is not sent; the next one inside it is, with a seq gap.
        source.Set(ScriptedStatusSource.Status(niftyLtp: 20001));
        await server.CycleAsync();
        var skipped = server.Log.Current.Seq;
        Assert.True(server.Log.TryGet(skipped, out var outside));
        Assert.DoesNotContain("analytics", outside.ChangedKeys);
        Assert.DoesNotContain("resources", outside.ChangedKeys);

        source.Set(ScriptedStatusSource.Status(niftyLtp: 20001, cpu: 55.5));
        await server.CycleAsync();
        var update = await stream.NextAsync();
        Assert.Equal("panel_update", update.Name);
        Assert.Equal(skipped + 1, update.Seq);
        Assert.Equal(["resources"], update.Data.GetProperty("updates").EnumerateArray().Select(u => u.GetProperty("key").GetString()));
        model.Apply(update);

        // Heartbeats are sent to every stream, with the subset's digest.
        await server.CycleAsync();
        await server.CycleAsync();
        var heartbeat = await stream.NextAsync();
        Assert.Equal("heartbeat", heartbeat.Name);
        model.Apply(heartbeat);
        Assert.Equal(model.Digest(), heartbeat.Data.GetProperty("digest").GetString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Subset_ResumeWithLastEventId_ReplaysOnlyItsEvents(bool direct)
    {
        var (server, source) = await StartAsync(direct);
        await using var _ = server;
        var model = new ClientModel();
        string lastId;
        await using (var first = await server.OpenStreamAsync(path: Subset))
        {
            await first.NextAsync();
            var snapshot = await first.NextAsync();
            model.Apply(snapshot);
            lastId = snapshot.Id;
        }

        // While the client is away: one change outside the subset, two inside it.
        source.Set(ScriptedStatusSource.Status(niftyLtp: 20001));
        await server.CycleAsync();
        source.Set(ScriptedStatusSource.Status(niftyLtp: 20001, pcr: 0.9));
        await server.CycleAsync();
        source.Set(ScriptedStatusSource.Status(niftyLtp: 20001, pcr: 0.9, cpu: 44));
        await server.CycleAsync();
        var head = server.Log.Current.Seq;

        await using var resumed = await server.OpenStreamAsync(lastId, Subset);
        var hello = await resumed.NextAsync();
        Assert.True(hello.Data.GetProperty("resumed").GetBoolean());
        var analytics = await resumed.NextAsync();
        var resources = await resumed.NextAsync();
        Assert.Equal((head - 1, "analytics"), (analytics.Seq, analytics.Data.GetProperty("updates")[0].GetProperty("key").GetString()));
        Assert.Equal((head, "resources"), (resources.Seq, resources.Data.GetProperty("updates")[0].GetProperty("key").GetString()));
        model.Apply(analytics);
        model.Apply(resources);
        Assert.False(resumed.TryRead(out var extra), $"nothing else is owed, got {extra?.Name}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Subset_UnknownKeys_400NamingThem(bool direct)
    {
        var (server, _) = await StartAsync(direct);
        await using var __ = server;
        await using var stream = await server.OpenStreamAsync(path: "/summary/events?panels=indices,nope,zzz");
        Assert.Equal(HttpStatusCode.BadRequest, stream.Response!.StatusCode);
        Assert.Equal("unknown panel keys: nope, zzz\n", await stream.Response.Content.ReadAsStringAsync());
        Assert.Equal(0, server.Hub.ReservedSlots);
    }

    [Fact]
    public async Task Subsets_EncodedOncePerEventPerSubset_NotPerStream()
    {
        var (server, source) = await StartAsync(direct: true);
        await using var _ = server;
        var streams = new List<SseTestClient>();
        try
        {
            foreach (var path in new[] { Subset, Subset, "/summary/events?panels=analytics,resources", "/summary/events?panels=resources", "/summary/events?panels=resources" })
            {
                var stream = await server.OpenStreamAsync(path: path);
                await stream.NextAsync();
                await stream.NextAsync();
                streams.Add(stream);
            }

            // Same keys in any order are one subset: two subsets for five streams.
            Assert.Equal(2, server.Hub.Filters.All.Count);
            source.Set(ScriptedStatusSource.Status(cpu: 66));
            await server.CycleAsync();
            foreach (var stream in streams)
            {
                Assert.Equal("panel_update", (await stream.NextAsync()).Name);
            }

            Assert.All(server.Hub.Filters.All, f => Assert.Equal(1, f.Encodings));
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Subsets_PastMaxFilters_503UntilOneIsFree()
    {
        var (server, _) = await StartAsync(direct: true, maxFilters: 1);
        await using var __ = server;
        await using (var first = await server.OpenStreamAsync(path: Subset))
        {
            await first.NextAsync();
            await using var refused = await server.OpenStreamAsync(path: "/summary/events?panels=indices");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Response!.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(5), refused.Response.Headers.RetryAfter?.Delta);

            // Every panel is always available.
            await using var all = await server.OpenStreamAsync();
            Assert.Equal(HttpStatusCode.OK, all.Response!.StatusCode);
        }

        await Wait.UntilAsync(() => server.Hub.ActiveStreams == 0, "the first subset stream to close");
        await using var later = await server.OpenStreamAsync(path: "/summary/events?panels=indices");
        Assert.Equal(HttpStatusCode.OK, later.Response!.StatusCode);
    }
}
