using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using G6.Summary.Configuration;
using G6.Summary.Tests.TestSupport;

namespace G6.Summary.Tests.Integration;

/// <summary>
/// HTTPS with the service's own certificate (made by the test), on the real server: HTTP/2 by ALPN beside
/// HTTP/1.1, streams over HTTP/2 keeping resume, slow-client handling, bye and the cap, the direct path off
/// with its reason in health, and a renewed certificate seen by the next new connection.
/// </summary>
public sealed class TlsTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly TestCertificate _certificate = TestCertificate.Create();

    public void Dispose() => _dir.Dispose();

    private string CertFile => _dir.File("cert.pem");

    private string KeyFile => _dir.File("key.pem");

    private Task<TestServer> StartAsync(SummaryOptions? options = null, ScriptedStatusSource? source = null)
    {
        _certificate.WriteTo(CertFile, KeyFile);
        return TestServer.StartAsync(
            (options ?? new SummaryOptions()) with
            {
                Tls = new TlsOptions { CertFile = CertFile, KeyFile = KeyFile, CheckInterval = TimeSpan.FromMilliseconds(50) },
            },
            source ?? new ScriptedStatusSource(ScriptedStatusSource.Status()));
    }

    /// <summary>A client that trusts one certificate and records which one each new connection was shown.</summary>
    private static HttpClient Client(TestServer server, List<string>? seen = null)
    {
        var handler = new SocketsHttpHandler { UseCookies = false, PooledConnectionLifetime = TimeSpan.Zero };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            if (certificate is null)
            {
                return false;
            }

            var thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
            lock (seen ?? [])
            {
                seen?.Add(thumbprint);
            }

            return true;
        };
        return new HttpClient(handler) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    private async Task<SseTestClient> OpenAsync(TestServer server, Version version, string? lastEventId = null, int? receiveBufferBytes = null)
    {
        var client = new SseTestClient(server.BaseAddress, receiveBufferBytes: receiveBufferBytes, version: version, trustedCertificate: _certificate.Thumbprint);
        await client.ConnectAsync("/summary/events", lastEventId);
        return client;
    }

    [Fact]
    public async Task Https_Http2ByAlpn_StreamsResumeAndEndWithBye()
    {
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status());
        await using var server = await StartAsync(new SummaryOptions { Streaming = new() { ReplayEvents = 16, QueueMax = 64 } }, source);
        Assert.Equal("https", server.BaseAddress.Scheme);

        await using var first = await OpenAsync(server, HttpVersion.Version20);
        Assert.Equal(HttpVersion.Version20, first.Response!.Version);
        Assert.Equal("text/event-stream; charset=utf-8", first.Response.Content.Headers.ContentType!.ToString());
        Assert.Equal("hello", (await first.NextAsync()).Name);
        var snapshot = await first.NextAsync();
        Assert.Equal("full_snapshot", snapshot.Name);

        source.Set(ScriptedStatusSource.Status(cpu: 55));
        await server.CycleAsync();
        var update = await first.NextAsync();
        Assert.Equal("panel_update", update.Name);

        // Resume over HTTP/2 from the snapshot: hello resumed, then exactly the update missed.
        await using var resumed = await OpenAsync(server, HttpVersion.Version20, snapshot.Id);
        var hello = await resumed.NextAsync();
        Assert.True(hello.Data.GetProperty("resumed").GetBoolean());
        Assert.Equal(update.Id, (await resumed.NextAsync()).Id);

        // HTTP/1.1 over TLS is still offered beside it.
        await using var http11 = await OpenAsync(server, HttpVersion.Version11);
        Assert.Equal(HttpVersion.Version11, http11.Response!.Version);
        await http11.NextNamedAsync("full_snapshot");

        var closed = server.Hub.ShutdownAsync("server shutting down", server.Loop.Cycle);
        foreach (var stream in new[] { first, resumed, http11 })
        {
            var (bye, _) = await stream.NextNamedAsync("bye");
            Assert.Equal("server shutting down", bye.Data.GetProperty("reason").GetString());
            await stream.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        }

        await closed.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Https_Health_SaysTheDirectPathIsOffForTls_LoggedOnce()
    {
        await using var server = await StartAsync();
        using var client = Client(server);
        using var health = JsonDocument.Parse(await client.GetStringAsync(new Uri("/summary/health", UriKind.Relative)));
        var transport = health.RootElement.GetProperty("transport");
        Assert.False(transport.GetProperty("direct_streams").GetBoolean());
        Assert.StartsWith("tls (G6_SSE_TLS_CERT is set", transport.GetProperty("direct_streams_off").GetString(), StringComparison.Ordinal);
        Assert.Single(server.Logs.Lines, l => l.Contains("Direct stream path off: tls (G6_SSE_TLS_CERT is set", StringComparison.Ordinal));
        Assert.Single(server.Logs.Lines, l => l.Contains("TLS certificate loaded: CN=g6-summary-test", StringComparison.Ordinal));

        // Plain HTTP to the TLS port is not served.
        using var plain = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.BaseAddress.Port}"), Timeout = TimeSpan.FromSeconds(10) };
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => plain.GetAsync(new Uri("/summary/health", UriKind.Relative)));
    }

    [Fact]
    public async Task Https_Http2_StreamCapStillApplies()
    {
        await using var server = await StartAsync(new SummaryOptions { Security = new() { MaxConnections = 1 } });
        await using var first = await OpenAsync(server, HttpVersion.Version20);
        await first.NextNamedAsync("full_snapshot");
        using var client = Client(server);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/summary/events") { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var refused = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("5", refused.Headers.RetryAfter!.ToString());
        Assert.Equal(1, server.Hub.ActiveStreams);
    }

    [Fact]
    public async Task Https_Http2_SlowClient_WriteStuckPastTimeout_OnlyThatStreamClosed()
    {
        var source = new ScriptedStatusSource(ScriptedStatusSource.ManyIndices(40, 1000));
        await using var server = await StartAsync(new SummaryOptions { Streaming = new() { WriteTimeout = TimeSpan.FromMilliseconds(300) } }, source);
        await using var healthy = await OpenAsync(server, HttpVersion.Version20);
        await using var slow = await OpenAsync(server, HttpVersion.Version20, receiveBufferBytes: 4096);
        await slow.NextNamedAsync("full_snapshot");
        await healthy.NextNamedAsync("full_snapshot");
        slow.Pause();

        // HTTP/2 flow control stops the stream once its 64 KiB window is used up; its flush then waits, and the write timeout ends it.
        var published = 0;
        while (server.Hub.ActiveStreams > 1)
        {
            Assert.True(published < 20_000, "the stuck stream was never closed");
            if (server.Hub.BlockedStreams == 0)
            {
                source.Set(ScriptedStatusSource.ManyIndices(40, 2000 + published++));
                await server.CycleAsync();
                await healthy.NextNamedAsync("panel_update");
            }
            else
            {
                await Wait.UntilAsync(() => server.Hub.ActiveStreams == 1 || server.Hub.BlockedStreams == 0, "the stream to close or its write to finish");
            }
        }

        using var client = Client(server);
        Assert.Contains("g6_sse_http_slow_disconnects_total 1", await client.GetStringAsync(new Uri("/metrics", UriKind.Relative)), StringComparison.Ordinal);

        // The healthy stream shares nothing with it (its own connection here) and still gets every event.
        source.Set(ScriptedStatusSource.ManyIndices(40, 99_999));
        await server.CycleAsync();
        await healthy.NextNamedAsync("panel_update");
    }

    [Fact]
    public async Task Https_RenewedCertificate_SeenByANewConnection_OpenStreamKeepsStreaming()
    {
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status());
        await using var server = await StartAsync(source: source);
        await using var open = await OpenAsync(server, HttpVersion.Version20);
        await open.NextNamedAsync("full_snapshot");

        var renewed = TestCertificate.Create("g6-summary-renewed");
        renewed.WriteTo(CertFile, KeyFile);

        var seen = new List<string>();
        using (var client = Client(server, seen))
        {
            // Each request is a new connection (no pooling); the one after the next look at the files shows the renewed certificate.
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (!seen.Contains(renewed.Thumbprint))
            {
                using var health = await client.GetAsync(new Uri("/summary/health", UriKind.Relative), limit.Token);
                Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            }
        }

        Assert.Contains(server.Logs.Lines, l => l.Contains("TLS certificate reloaded", StringComparison.Ordinal) && l.Contains("CN=g6-summary-renewed", StringComparison.Ordinal));

        // The stream that shook hands with the old certificate is untouched.
        source.Set(ScriptedStatusSource.Status(cpu: 77));
        await server.CycleAsync();
        Assert.Equal("panel_update", (await open.NextAsync()).Name);
    }

    [Fact]
    public async Task Https_BrokenRenewal_KeepsServingTheCertificateInUse()
    {
        await using var server = await StartAsync();

        // A renewal caught half-done: the new certificate is there, its key is not yet.
        File.WriteAllText(CertFile, TestCertificate.Create("g6-summary-renewed").CertPem);
        var seen = new List<string>();
        using var client = Client(server, seen);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        const string Failed = "TLS certificate not reloaded, keeping the one in use: invalid setting G6_SSE_TLS_KEY: the key does not belong to the certificate in G6_SSE_TLS_CERT";
        while (!server.Logs.Lines.Any(l => l.Contains(Failed, StringComparison.Ordinal)))
        {
            // New connections are what look at the files; each one must still be served.
            using var health = await client.GetAsync(new Uri("/summary/health", UriKind.Relative), limit.Token);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        using (var after = await client.GetAsync(new Uri("/summary/health", UriKind.Relative), limit.Token))
        {
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        }

        Assert.NotEmpty(seen);
        Assert.All(seen, t => Assert.Equal(_certificate.Thumbprint, t));
        Assert.Single(server.Logs.Lines, l => l.Contains(Failed, StringComparison.Ordinal));
    }
}
