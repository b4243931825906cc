using System.Net;
using G6.Summary.Configuration;
using G6.Summary.Tests.TestSupport;

namespace G6.Summary.Tests.Integration;

/// <summary>
/// The run-book's nginx configuration (deploy/nginx/) in front of the real server, with a real nginx:
/// a stream arrives event by event, resumes with Last-Event-ID, and the service sees the client's
/// address through X-Forwarded-For (proven by an allow list that admits only that address).
/// </summary>
public sealed class NginxProxyTests
{
    private static readonly IPAddress Client = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress Other = IPAddress.Parse("127.0.0.3");

    private static SummaryOptions BehindNginx() => new()
    {
        Security = new() { TrustedProxies = [IPNetwork.Parse("127.0.0.1/32")], IpAllow = [new IPNetwork(Client, 32)] },
    };

    [Fact]
    public async Task Stream_ThroughNginx_ArrivesLiveAndResumesWithLastEventId()
    {
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status());
        await using var server = await TestServer.StartAsync(BehindNginx(), source);
        await using var nginx = await NginxProxy.StartAsync(server.BaseAddress);

        var first = new SseTestClient(nginx.BaseAddress, localAddress: Client);
        await first.ConnectAsync("/summary/events", null);
        Assert.Equal(HttpStatusCode.OK, first.Response!.StatusCode);
        Assert.StartsWith("text/event-stream", first.Response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        await first.NextNamedAsync("full_snapshot");

        // Unbuffered: an update published now reaches the client through nginx while the stream is open.
        source.Set(ScriptedStatusSource.Status(cpu: 55.5));
        await server.CycleAsync();
        var (update, _) = await first.NextNamedAsync("panel_update");
        await first.DisposeAsync();

        source.Set(ScriptedStatusSource.Status(cpu: 66.6));
        await server.CycleAsync();

        await using var resumed = new SseTestClient(nginx.BaseAddress, localAddress: Client);
        await resumed.ConnectAsync("/summary/events", update.Id);
        var hello = await resumed.NextAsync();
        Assert.Equal("hello", hello.Name);
        Assert.True(hello.Data.GetProperty("resumed").GetBoolean());
        var next = await resumed.NextAsync();
        Assert.Equal("panel_update", next.Name);
        Assert.Equal(update.Seq + 1, next.Seq);
    }

    [Fact]
    public async Task GzipStream_ThroughNginx_PassesCompressedAndArrivesLive()
    {
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status());
        await using var server = await TestServer.StartAsync(BehindNginx(), source);
        await using var nginx = await NginxProxy.StartAsync(server.BaseAddress);
        using var http = new HttpClient(new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.None,
            ConnectCallback = async (context, token) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(Client, 0));
                await socket.ConnectAsync(context.DnsEndPoint, token);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        })
        { Timeout = Timeout.InfiniteTimeSpan };
        using var timeout = new CancellationTokenSource(SseTestClient.DefaultWait);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(nginx.BaseAddress, "/summary/events"));
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);

        // nginx passes the client's Accept-Encoding upstream and the service's gzip body back, unbuffered.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        await using var body = new System.IO.Compression.GZipStream(await response.Content.ReadAsStreamAsync(timeout.Token), System.IO.Compression.CompressionMode.Decompress);
        using var lines = new StreamReader(body);
        await ReadUntilEventAsync(lines, "full_snapshot", timeout.Token);

        source.Set(ScriptedStatusSource.Status(cpu: 55.5));
        await server.CycleAsync();
        await ReadUntilEventAsync(lines, "panel_update", timeout.Token);
    }

    private static async Task ReadUntilEventAsync(StreamReader lines, string name, CancellationToken cancellationToken)
    {
        while (await lines.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line == "event: " + name)
            {
                return;
            }
        }

        Assert.Fail($"the stream ended before {name}");
    }

    [Fact]
    public async Task ClientAddress_SeenThroughXForwardedFor_ByAdmissionAndAudit()
    {
        await using var server = await TestServer.StartAsync(BehindNginx(), new ScriptedStatusSource(ScriptedStatusSource.Status()));
        await using var nginx = await NginxProxy.StartAsync(server.BaseAddress);

        await using var allowed = new SseTestClient(nginx.BaseAddress, localAddress: Client);
        await allowed.ConnectAsync("/summary/events", null);
        Assert.Equal(HttpStatusCode.OK, allowed.Response!.StatusCode);

        await using var refused = new SseTestClient(nginx.BaseAddress, localAddress: Other);
        await refused.ConnectAsync("/summary/events", null);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Response!.StatusCode);
        Assert.Contains(server.Logs.Lines, l => l.Contains("audit: accepted stream peer=127.0.0.2", StringComparison.Ordinal));
        Assert.Contains(server.Logs.Lines, l => l.Contains("audit: refused forbidden_ip peer=127.0.0.3", StringComparison.Ordinal));
    }
}
