using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using G6.Summary.Bench.Harness;
using G6.Summary.Configuration;
using G6.Summary.Tests.TestSupport;
using G6.Summary.Tests.Transport;

namespace G6.Summary.Tests.Integration;

/// <summary>
/// <c>G6_SSE_SEND_BUFFER_BYTES</c> on the real server: every stream socket gets the bounded kernel send
/// buffer whichever transport serves it, so a stalled reader's staleness is bounded by the queue and that
/// buffer rather than by the megabytes Linux would otherwise autotune the socket to.
/// </summary>
public sealed class SendBufferTests
{
    private const string EventsRequest = "GET /summary/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

    // Events published while the reader is stalled: about 1.4 MB, several times the bound on either
    // path, yet well inside what an autotuned Linux socket takes without blocking (tcp_wmem: 4 MiB).
    private const int Published = 400;

    // SocketsHttpHandler's read buffer and SseParser's line buffer, which grow to an event's size or two.
    private const int ClientReaderSlack = 32 * 1024;

    // Kestrel's response pipe and its socket transport's output pipe, 64 KiB each by default.
    private const int KestrelPipes = 2 * 64 * 1024;

    // What Linux grants for SO_SNDBUF: twice the value asked (its bookkeeping overhead, socket(7)).
    private static int Granted(int requested) => OperatingSystem.IsLinux() ? requested * 2 : requested;

    [Theory]
    [InlineData("direct")]
    [InlineData("kestrel")] // G6_SSE_DIRECT_STREAMS=0: Kestrel's own socket transport
    [InlineData("handed-to-kestrel")] // the direct transport is on but leaves this request (CORS) to Kestrel
    public async Task StreamSocket_HasTheConfiguredSendBuffer_OnEveryPath(string path)
    {
        const int requested = 24 * 1024;
        var options = new SummaryOptions
        {
            Transport = new() { SendBufferBytes = requested, DirectStreams = path != "kestrel" },
            Security = new() { AllowedOrigins = path == "handed-to-kestrel" ? ["https://ops.example.com"] : [] },
        };
        await using var server = await TestServer.StartAsync(options, new ScriptedStatusSource(ScriptedStatusSource.Status()));
        await using var connection = await RawConnection.OpenAsync(server.BaseAddress);
        await connection.SendAsync(path == "handed-to-kestrel"
            ? EventsRequest.Replace("\r\n\r\n", "\r\nOrigin: https://ops.example.com\r\n\r\n", StringComparison.Ordinal)
            : EventsRequest);
        var head = RawConnection.HeadOf(await connection.ReadUntilAsync(t => RawConnection.HasEvent(t, "full_snapshot")));

        // The path really is the one named: only Kestrel frames a stream in chunks.
        Assert.Equal(path != "direct", head.Contains("\r\nTransfer-Encoding: chunked", StringComparison.Ordinal));
        Assert.Equal(Granted(requested), ServerSockets.SendBufferOfPeer(connection.LocalEndPoint));
    }

    [Fact]
    public async Task SendBufferAboveWhatTheKernelAllows_WarnsOnceAtTheFirstStream()
    {
        Assert.True(OperatingSystem.IsLinux(), "net.core.wmem_max is Linux's");
        var wmemMax = long.Parse(File.ReadAllText("/proc/sys/net/core/wmem_max").Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(wmemMax + 4096 <= TransportOptions.MaxSendBufferBytes, $"this test needs net.core.wmem_max ({wmemMax}) below the setting's maximum");
        var options = new SummaryOptions { Transport = new() { SendBufferBytes = (int)wmemMax + 4096 } };
        await using var server = await TestServer.StartAsync(options, new ScriptedStatusSource(ScriptedStatusSource.Status()));
        for (var i = 0; i < 2; i++)
        {
            await using var stream = await server.OpenStreamAsync();
            await stream.NextNamedAsync("full_snapshot");
        }

        var warning = Assert.Single(server.Logs.Lines, l => l.Contains("the kernel granted a send buffer of only", StringComparison.Ordinal));
        Assert.Contains($"G6_SSE_SEND_BUFFER_BYTES={options.Transport.SendBufferBytes}", warning, StringComparison.Ordinal);
        Assert.Contains($"{wmemMax * 2} bytes", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DefaultSendBuffer_NoWarning()
    {
        await using var server = await TestServer.StartAsync(source: new ScriptedStatusSource(ScriptedStatusSource.Status()));
        await using var stream = await server.OpenStreamAsync();
        await stream.NextNamedAsync("full_snapshot");
        Assert.DoesNotContain(server.Logs.Lines, l => l.Contains("send buffer", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // through Kestrel
    public async Task StalledReader_FullSnapshotWithinTheBound_EndsAtServerDigest_HealthyReaderMissesNothing(bool directStreams)
    {
        // About 3.5 KB per event (a 41-line indices panel), as in the report; nothing else moves.
        var source = new ScriptedStatusSource(ScriptedStatusSource.ManyIndices(40, 1000));
        var options = new SummaryOptions
        {
            // Far longer than the test: the stalled stream must be dropped to a snapshot, not closed.
            Streaming = new() { QueueMax = 16, ReplayEvents = 16, WriteTimeout = TimeSpan.FromMinutes(5) },
            Transport = new() { DirectStreams = directStreams },
        };
        Assert.Equal(TransportOptions.DefaultSendBufferBytes, options.Transport.SendBufferBytes);
        await using var server = await TestServer.StartAsync(options, source);
        await using var healthy = await server.OpenStreamAsync();
        await using var stalled = new SseTestClient(server.BaseAddress, receiveBufferBytes: 4096);
        await stalled.ConnectAsync("/summary/events", null);
        var healthyModel = new ClientModel();
        healthyModel.Apply((await healthy.NextNamedAsync("full_snapshot")).Match);
        var stalledModel = new ClientModel();
        stalledModel.Apply((await stalled.NextNamedAsync("full_snapshot")).Match);
        var sendBuffer = ServerSockets.SendBufferOfPeer(stalled.LocalEndPoint!);
        Assert.Equal(Granted(TransportOptions.DefaultSendBufferBytes), sendBuffer);
        stalled.Pause();

        // A fast-moving status: every cycle publishes; the healthy reader gets each event as it is published.
        var largestEvent = 0;
        for (var i = 0; i < Published; i++)
        {
            source.Set(ScriptedStatusSource.ManyIndices(40, 2000 + i));
            await server.CycleAsync();
            var evt = await healthy.NextAsync();
            Assert.Equal(server.Log.Current.Seq, evt.Seq);
            healthyModel.Apply(evt);
            largestEvent = Math.Max(largestEvent, FrameBytes(evt));
        }

        // Everything the stalled reader can still get from before its snapshot sits in buffers that are
        // bounded: the server socket's send buffer, the client's receive window and its HTTP reader's
        // buffers, Kestrel's response pipe on that path, and one batch of at most G6_SSE_QUEUE_MAX events
        // that the server had in hand when the socket filled. With the kernel's autotuning instead, the
        // socket would have taken all of it (megabytes) and no snapshot would come at all.
        var bound = sendBuffer + stalled.ReceiveBufferGranted!.Value + ClientReaderSlack
            + (directStreams ? 0 : KestrelPipes) + (options.Streaming.QueueMax * largestEvent);
        Assert.True(Published * largestEvent > 4 * bound, "the test must publish far more than the bound");

        var head = server.Log.Current.Seq;
        stalled.Resume();
        var stale = new List<ReceivedEvent>();
        ReceivedEvent next;
        while ((next = await stalled.NextAsync()).Name != "full_snapshot")
        {
            Assert.True(next.Seq < head, $"reached the head (seq {head}) without a full_snapshot: nothing bounded the backlog");
            stale.Add(next);
        }

        var staleBytes = stale.Sum(FrameBytes);
        Assert.True(staleBytes <= bound, $"{stale.Count} stale events ({staleBytes} bytes) before the snapshot; the bound is {bound} bytes");
        Assert.Equal(head, next.Seq);
        foreach (var evt in stale)
        {
            stalledModel.Apply(evt);
        }

        stalledModel.Apply(next);
        Assert.Contains(server.Logs.Lines, l => l.Contains("full snapshot sent", StringComparison.Ordinal));

        // The server saw the stalled stream's socket full and waited on it (the metric operators watch).
        var metrics = await server.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.True(ServerCounters.Counter(metrics, "g6_sse_http_write_waits_total") >= 1, "no write waited");

        // The stream goes on from the snapshot without a gap; both readers end at the server's state.
        for (var i = 0; i < 3; i++)
        {
            source.Set(ScriptedStatusSource.ManyIndices(40, 90_000 + i));
            await server.CycleAsync();
            var seq = server.Log.Current.Seq;
            var fromStalled = await stalled.NextAsync();
            Assert.Equal(seq, fromStalled.Seq);
            stalledModel.Apply(fromStalled);
            var fromHealthy = await healthy.NextAsync();
            Assert.Equal(seq, fromHealthy.Seq);
            healthyModel.Apply(fromHealthy);
        }

        using var resync = await server.Client.GetFromJsonAsync<JsonDocument>(new Uri("/summary/resync", UriKind.Relative));
        var serverSeq = resync!.RootElement.GetProperty("seq").GetInt64();
        var serverDigest = resync.RootElement.GetProperty("digest").GetString();
        Assert.Equal(serverSeq, stalledModel.Seq);
        Assert.Equal(serverDigest, stalledModel.Digest());
        Assert.Equal(serverSeq, healthyModel.Seq);
        Assert.Equal(serverDigest, healthyModel.Digest());
    }

    // The event as it travels: id, event and data lines and the blank line.
    private static int FrameBytes(ReceivedEvent evt) =>
        Encoding.UTF8.GetByteCount($"id: {evt.Id}\nevent: {evt.Name}\ndata: {evt.RawData}\n\n");
}
