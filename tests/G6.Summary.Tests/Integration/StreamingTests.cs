using G6.Summary.Configuration;

namespace G6.Summary.Tests.Integration;

/// <summary>Fan-out behaviour on the real server: resume, slow clients, throttling, many streams.</summary>
public sealed class StreamingTests
{
    [Fact]
    public async Task Resume_InsideWindow_HelloResumedThenEveryMissedEventInOrder()
    {
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status());
        await using var server = await TestServer.StartAsync(new SummaryOptions { Streaming = new() { ReplayEvents = 16, QueueMax = 64 } }, source);
        string lastId;
        var model = new ClientModel();
        await using (var first = await server.OpenStreamAsync())
        {
            await first.NextAsync();
            var snapshot = await first.NextAsync();
            model.Apply(snapshot);
            lastId = snapshot.Id;
        }

        for (var i = 0; i < 10; i++)
        {
            source.Set(ScriptedStatusSource.Status(cpu: 10 + i));
            await server.CycleAsync();
        }

        await using var resumed = await server.OpenStreamAsync(lastId);
        var hello = await resumed.NextAsync();
        Assert.Equal("hello", hello.Name);
        Assert.True(hello.Data.GetProperty("resumed").GetBoolean());
        var expectedSeq = model.Seq + 1;
        for (var i = 0; i < 10; i++)
        {
            var evt = await resumed.NextAsync();
            Assert.Equal("panel_update", evt.Name);
            Assert.Equal(expectedSeq++, evt.Seq);
            Assert.Equal($"{server.Log.Current.Epoch}-{evt.Seq}", evt.Id);
            model.Apply(evt);
        }

        Assert.Equal(server.Log.Current.Digest, model.Digest());
        Assert.False(resumed.TryRead(out var extra), $"unexpected {extra?.Name}");
    }

    [Fact]
    public async Task Resume_AtHead_HelloResumedAndNothingElse()
    {
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status());
        await using var server = await TestServer.StartAsync(source: source);
        await using var client = await server.OpenStreamAsync(server.Log.Current.EventId);
        var hello = await client.NextAsync();
        Assert.True(hello.Data.GetProperty("resumed").GetBoolean());

        source.Set(ScriptedStatusSource.Status(cpu: 99));
        await server.CycleAsync();
        var next = await client.NextAsync();
        Assert.Equal("panel_update", next.Name);
        Assert.Equal(hello.Seq + 1, next.Seq);
    }

    [Theory]
    [InlineData("outside")]
    [InlineData("other-epoch")]
    [InlineData("future")]
    [InlineData("garbage")]
    public async Task Resume_NotResumable_HelloThenFullSnapshot(string kind)
    {
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status());
        await using var server = await TestServer.StartAsync(new SummaryOptions { Streaming = new() { ReplayEvents = 4, QueueMax = 8 } }, source);
        for (var i = 0; i < 10; i++)
        {
            source.Set(ScriptedStatusSource.Status(cpu: i));
            await server.CycleAsync();
        }

        var epoch = server.Log.Current.Epoch;
        var lastEventId = kind switch
        {
            "outside" => $"{epoch}-2",
            "other-epoch" => $"ffffffff-{server.Log.Current.Seq - 1}",
            "future" => $"{epoch}-{server.Log.Current.Seq + 5}",
            _ => "../../etc%00-1",
        };

        await using var client = await server.OpenStreamAsync(lastEventId);
        var hello = await client.NextAsync();
        Assert.False(hello.Data.GetProperty("resumed").GetBoolean());
        var snapshot = await client.NextAsync();
        Assert.Equal("full_snapshot", snapshot.Name);
        Assert.Equal(server.Log.Current.Seq, snapshot.Seq);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // through Kestrel's pipe
    public async Task SlowClient_StopsReading_OthersStayCurrent_ThenItGetsFullSnapshot(bool directStreams)
    {
        var source = new ScriptedStatusSource(ScriptedStatusSource.ManyIndices(40, 1000));
        var options = new SummaryOptions { Streaming = new() { QueueMax = 16, ReplayEvents = 16, WriteTimeout = TimeSpan.FromMinutes(5) }, Transport = new() { DirectStreams = directStreams } };
        await using var server = await TestServer.StartAsync(options, source);
        await using var healthy = await server.OpenStreamAsync();
        await using var slow = new SseTestClient(server.BaseAddress, receiveBufferBytes: 4096);
        await slow.ConnectAsync("/summary/events", null);
        await healthy.NextNamedAsync("full_snapshot");
        await slow.NextNamedAsync("full_snapshot");
        slow.Pause();

        // Publish until the slow stream's writes block (its socket and buffers are full), checking
        // that the healthy client receives every event as it is published.
        var published = 0;
        do
        {
            while (server.Hub.BlockedStreams == 0)
            {
                Assert.True(published < 20_000, "the slow client never blocked");
                source.Set(ScriptedStatusSource.ManyIndices(40, 2000 + published));
                await server.CycleAsync();
                published++;
                var evt = await healthy.NextAsync();
                Assert.Equal(server.Log.Current.Seq, evt.Seq);
            }
        }
        while (!await StaysBlockedAsync(server));

        // Now fall further behind than the queue allows; the healthy stream still gets each event at once.
        for (var i = 0; i < options.Streaming.QueueMax * 2; i++)
        {
            source.Set(ScriptedStatusSource.ManyIndices(40, 50_000 + i));
            await server.CycleAsync();
            Assert.Equal(server.Log.Current.Seq, (await healthy.NextAsync()).Seq);
        }

        var head = server.Log.Current.Seq;
        slow.Resume();
        var (snapshot, before) = await slow.NextNamedAsync("full_snapshot");
        Assert.Equal(head, snapshot.Seq);
        var model = new ClientModel();
        model.Apply(snapshot);
        Assert.Equal(server.Log.Current.Digest, model.Digest());
        Assert.All(before, e => Assert.True(e.Seq < head));
        Assert.Contains(server.Logs.Lines, l => l.Contains("fell", StringComparison.Ordinal) && l.Contains("full snapshot sent", StringComparison.Ordinal));
    }

    /// <summary>
    /// True when the blocked write is still blocked after a while: its socket is really full, not just a
    /// flush that a loaded machine completed late.
    /// </summary>
    private static async Task<bool> StaysBlockedAsync(TestServer server)
    {
        try
        {
            await Wait.UntilAsync(() => server.Hub.BlockedStreams == 0, "a blocked write to finish", TimeSpan.FromMilliseconds(500));
            return false;
        }
        catch (TimeoutException)
        {
            return true;
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // a stuck Kestrel flush, which the stream's loop waits on without a token
    public async Task SlowClient_WriteStuckPastTimeout_StreamClosedAndCounted(bool directStreams)
    {
        var source = new ScriptedStatusSource(ScriptedStatusSource.ManyIndices(40, 1000));
        var options = new SummaryOptions { Streaming = new() { WriteTimeout = TimeSpan.FromMilliseconds(300) }, Transport = new() { DirectStreams = directStreams } };
        await using var server = await TestServer.StartAsync(options, source);
        await using var slow = new SseTestClient(server.BaseAddress, receiveBufferBytes: 4096);
        await slow.ConnectAsync("/summary/events", null);
        await slow.NextNamedAsync("full_snapshot");
        slow.Pause();

        var published = 0;
        while (server.Hub.ActiveStreams > 0)
        {
            Assert.True(published < 20_000, "the stuck stream was never closed");
            if (server.Hub.BlockedStreams == 0)
            {
                source.Set(ScriptedStatusSource.ManyIndices(40, 2000 + published++));
                await server.CycleAsync();
            }
            else
            {
                // Either the timeout closes it, or (on a loaded machine) the flush was only slow and completes.
                await Wait.UntilAsync(() => server.Hub.ActiveStreams == 0 || server.Hub.BlockedStreams == 0, "the stream to close or its write to finish");
            }
        }

        var metrics = await server.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("g6_sse_http_slow_disconnects_total 1", metrics, StringComparison.Ordinal);
        Assert.Contains(server.Logs.Lines, l => l.Contains("did not complete within", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ThrottledClient_BurstOfUpdates_CoalescedAndEndsAtLatestState()
    {
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status());
        await using var server = await TestServer.StartAsync(new SummaryOptions { Streaming = new() { EventsPerSec = 5 } }, source);
        await using var client = await server.OpenStreamAsync();
        var model = new ClientModel();
        await client.NextAsync();
        model.Apply(await client.NextAsync());

        for (var i = 0; i < 40; i++)
        {
            source.Set(ScriptedStatusSource.Status(cpu: i, pcr: i % 2 == 0 ? 1.0 : 2.0, niftyLtp: i < 20 ? 20000 : 21000));
            await server.CycleAsync();
        }

        var head = server.Log.Current.Seq;
        var received = 0;
        var coalesced = 0;
        while (model.Seq < head)
        {
            var evt = await client.NextAsync();
            Assert.Equal("panel_update", evt.Name);
            received++;
            if (evt.Data.TryGetProperty("coalesced", out var count))
            {
                coalesced += count.GetInt32();
            }

            model.Apply(evt);
        }

        Assert.True(received < 40, $"expected coalescing, got {received} events for 40 updates");
        Assert.True(coalesced > 0);
        Assert.Equal(server.Log.Current.Digest, model.Digest());
        Assert.Equal(server.Log.Current.ByKey["resources"].Hash, model.Panels["resources"].Hash);
    }

    [Fact]
    public async Task ManyStreams_TwoHundred_AllReceiveEveryEventInOrder()
    {
        const int Streams = 200;
        const int Updates = 25;
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status());
        await using var server = await TestServer.StartAsync(source: source);
        var clients = await Task.WhenAll(Enumerable.Range(0, Streams).Select(_ => server.OpenStreamAsync()));
        try
        {
            await Task.WhenAll(clients.Select(c => c.NextNamedAsync("full_snapshot")));
            var start = server.Log.Current.Seq;
            for (var i = 0; i < Updates; i++)
            {
                source.Set(ScriptedStatusSource.Status(cpu: 100 + i));
                await server.CycleAsync();
            }

            await Task.WhenAll(clients.Select(async client =>
            {
                for (var seq = start + 1; seq <= start + Updates; seq++)
                {
                    var evt = await client.NextAsync();
                    Assert.Equal(seq, evt.Seq);
                }
            }));
            Assert.Equal(Streams, server.Hub.ActiveStreams);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }
}
