using G6.Summary.Configuration;
using G6.Summary.Tests.Integration;
using G6.Summary.Transport;

namespace G6.Summary.Tests.Transport;

/// <summary>
/// The direct stream transport on real Kestrel: plain event streams are served on the bare socket,
/// everything else reaches Kestrel unchanged, and both paths answer alike.
/// </summary>
public sealed class DirectStreamTransportTests
{
    private const string EventsRequest = "GET /summary/events HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-ID: req-1\r\n\r\n";

    [Fact]
    public void ThisFramework_LetsTheTransportShareKestrelsMemoryPool() =>
        Assert.True(KestrelConnectionOptions.IsSupported, "without it the direct path is off (logged, and shown in health) and every stream costs Kestrel's memory");

    [Fact]
    public async Task DirectPath_OnByDefault_HealthSaysSo()
    {
        await using var server = await TestServer.StartAsync(source: new ScriptedStatusSource(ScriptedStatusSource.Status()));
        using var health = System.Text.Json.JsonDocument.Parse(await server.Client.GetStringAsync("/summary/health"));
        var transport = health.RootElement.GetProperty("transport");
        Assert.True(transport.GetProperty("direct_streams").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, transport.GetProperty("direct_streams_off").ValueKind);
        Assert.DoesNotContain(server.Logs.Lines, l => l.Contains("Direct stream path off", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DirectPathOff_LoggedOnceAtStart_AndNamedInHealth()
    {
        await using var server = await TestServer.StartAsync(new SummaryOptions { Transport = new() { DirectStreams = false } }, new ScriptedStatusSource(ScriptedStatusSource.Status()));
        var off = Assert.Single(server.Logs.Lines, l => l.Contains("Direct stream path off", StringComparison.Ordinal));
        Assert.StartsWith("Warning ", off, StringComparison.Ordinal);
        Assert.Contains("G6_SSE_DIRECT_STREAMS=0", off, StringComparison.Ordinal);
        using var health = System.Text.Json.JsonDocument.Parse(await server.Client.GetStringAsync("/summary/health"));
        var transport = health.RootElement.GetProperty("transport");
        Assert.False(transport.GetProperty("direct_streams").GetBoolean());
        Assert.Equal("G6_SSE_DIRECT_STREAMS=0", transport.GetProperty("direct_streams_off").GetString());
    }

    [Fact]
    public async Task PlainGet_IsServedDirectly_CloseDelimitedStreamThenClientLeaves()
    {
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status());
        await using var server = await TestServer.StartAsync(source: source);
        await using var connection = await RawConnection.OpenAsync(server.BaseAddress);
        await connection.SendAsync(EventsRequest);
        var opened = await connection.ReadUntilAsync(t => RawConnection.HasEvent(t, "full_snapshot"));

        var head = RawConnection.HeadOf(opened);
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", head, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Type: text/event-stream; charset=utf-8", head, StringComparison.Ordinal);
        Assert.Contains("\r\nCache-Control: no-cache", head, StringComparison.Ordinal);
        Assert.Contains("\r\nX-Accel-Buffering: no", head, StringComparison.Ordinal);
        Assert.Contains("\r\nX-Request-ID: req-1", head, StringComparison.Ordinal);
        Assert.Contains("\r\nConnection: close", head, StringComparison.Ordinal);
        Assert.DoesNotContain("Transfer-Encoding", head, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Server:", head, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith(head + "\r\n\r\nretry: 3000\n\nid: ", opened, StringComparison.Ordinal);

        source.Set(ScriptedStatusSource.Status(pcr: 0.5));
        await server.CycleAsync();
        var updated = await connection.ReadUntilAsync(t => RawConnection.HasEvent(t, "panel_update"));
        Assert.Contains($"id: {server.Log.Current.Epoch}-2\nevent: panel_update\n", updated, StringComparison.Ordinal);
        Assert.Equal(1, server.Hub.ActiveStreams);

        await connection.DisposeAsync();
        await Wait.UntilAsync(() => server.Hub.ActiveStreams == 0 && server.Hub.ReservedSlots == 0, "the departed client's stream to close");
    }

    [Fact]
    public async Task DirectStreamsOff_TheSameRequestGoesThroughKestrel()
    {
        await using var server = await TestServer.StartAsync(new SummaryOptions { Transport = new() { DirectStreams = false } }, new ScriptedStatusSource(ScriptedStatusSource.Status()));
        await using var connection = await RawConnection.OpenAsync(server.BaseAddress);
        await connection.SendAsync(EventsRequest);
        var head = RawConnection.HeadOf(await connection.ReadUntilAsync(t => RawConnection.HasEvent(t, "full_snapshot")));
        Assert.Contains("\r\nTransfer-Encoding: chunked", head, StringComparison.Ordinal);
        Assert.DoesNotContain("Connection: close", head, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Refusals_AreTheSameOnBothPaths(bool direct)
    {
        var options = new SummaryOptions { Transport = new() { DirectStreams = direct }, Security = new() { ApiTokens = ["tok-0a1b2c3d4e5f"], MaxConnections = 1 } };
        await using var server = await TestServer.StartAsync(options, new ScriptedStatusSource(ScriptedStatusSource.Status()));

        await using (var anonymous = await RawConnection.OpenAsync(server.BaseAddress))
        {
            await anonymous.SendAsync(EventsRequest);
            var answer = await anonymous.ReadUntilAsync(t => t.EndsWith("unauthorized\n", StringComparison.Ordinal));
            AssertPlainRefusal(answer, "401 Unauthorized", "unauthorized\n", retryAfter: null);
        }

        await using var first = await RawConnection.OpenAsync(server.BaseAddress);
        await first.SendAsync(EventsRequest.Replace("\r\n\r\n", "\r\nX-API-Token: tok-0a1b2c3d4e5f\r\n\r\n", StringComparison.Ordinal));
        await first.ReadUntilAsync(t => RawConnection.HasEvent(t, "full_snapshot"));

        await using var second = await RawConnection.OpenAsync(server.BaseAddress);
        await second.SendAsync(EventsRequest.Replace("\r\n\r\n", "\r\nX-API-Token: tok-0a1b2c3d4e5f\r\n\r\n", StringComparison.Ordinal));
        var capped = await second.ReadUntilAsync(t => t.EndsWith("too many connections\n", StringComparison.Ordinal));
        AssertPlainRefusal(capped, "429 Too Many Requests", "too many connections\n", retryAfter: "5");
        Assert.Equal(1, server.Hub.ActiveStreams);
    }

    [Fact]
    public async Task KeepAliveConnection_EventsAfterAnotherRequest_StillStream()
    {
        await using var server = await TestServer.StartAsync(source: new ScriptedStatusSource(ScriptedStatusSource.Status()));
        await using var connection = await RawConnection.OpenAsync(server.BaseAddress);
        await connection.SendAsync("GET /summary/health HTTP/1.1\r\nHost: x\r\n\r\n");
        var health = await connection.ReadUntilAsync(t => t.EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal));
        Assert.StartsWith("HTTP/1.1 200 OK", health, StringComparison.Ordinal);

        await connection.SendAsync(EventsRequest);
        var stream = await connection.ReadUntilAsync(t => RawConnection.HasEvent(t, "full_snapshot"));
        Assert.Contains("event: hello\n", stream[health.Length..], StringComparison.Ordinal);
        Assert.Equal(1, server.Hub.ActiveStreams);
    }

    [Fact]
    public async Task ClientThatKeepsSendingAfterItsRequest_IsClosed()
    {
        await using var server = await TestServer.StartAsync(source: new ScriptedStatusSource(ScriptedStatusSource.Status()));
        await using var connection = await RawConnection.OpenAsync(server.BaseAddress);
        await connection.SendAsync(EventsRequest);
        await connection.ReadUntilAsync(t => RawConnection.HasEvent(t, "full_snapshot"));

        // Well past the 64 KB a stream's client may send after its request. The server may close (and so
        // reset) the connection before the last piece is sent: that refusal is the outcome wanted here.
        var junk = new string('x', 16 * 1024);
        for (var i = 0; i < 6 && await connection.TrySendAsync(junk); i++)
        {
        }

        Assert.True(await connection.ReadToCloseAsync(), "the server should close a stream whose client keeps talking");
        await Wait.UntilAsync(() => server.Hub.ActiveStreams == 0, "the stream to close");
    }

    [Fact]
    public async Task RequestArrivingInPieces_IsStillServed()
    {
        await using var server = await TestServer.StartAsync(source: new ScriptedStatusSource(ScriptedStatusSource.Status()));
        await using var connection = await RawConnection.OpenAsync(server.BaseAddress);

        // Whether the server first sees a part or the whole, the stream must open (directly or via Kestrel).
        await connection.SendAsync(EventsRequest[..20]);
        await connection.SendAsync(EventsRequest[20..]);
        var opened = await connection.ReadUntilAsync(t => RawConnection.HasEvent(t, "full_snapshot"));
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", opened, StringComparison.Ordinal);
    }

    private static void AssertPlainRefusal(string answer, string status, string body, string? retryAfter)
    {
        var head = RawConnection.HeadOf(answer);
        Assert.StartsWith("HTTP/1.1 " + status + "\r\n", head, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Type: text/plain; charset=utf-8", head, StringComparison.Ordinal);
        Assert.Contains("\r\nCache-Control: no-store", head, StringComparison.Ordinal);
        Assert.Contains("\r\nX-Request-ID: req-1", head, StringComparison.Ordinal);
        if (retryAfter is null)
        {
            Assert.DoesNotContain("Retry-After", head, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("\r\nRetry-After: " + retryAfter, head, StringComparison.Ordinal);
        }

        Assert.EndsWith("\r\n\r\n" + body, answer, StringComparison.Ordinal);
    }
}
