using System.Net;
using G6.Summary.Configuration;
using G6.Summary.Security;
using G6.Summary.Tests.TestSupport;

namespace G6.Summary.Tests.Integration;

/// <summary>
/// Token files re-read without a restart, on the real server: a removed token stops admitting, the streams and
/// dashboard sessions it opened end with <c>bye</c> (<c>credentials revoked</c>) on both stream paths, the audit
/// log says so once, and a broken file keeps the last good set.
/// </summary>
public sealed class TokenRotationTests : IDisposable
{
    private const string Leaving = "reader-leaving-0a1b2c3d";
    private const string Staying = "reader-staying-4e5f6a7b";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string TokenFile => _dir.File("reader-tokens");

    private Task<TestServer> StartAsync(bool directStreams, bool watch = true, string? metricsFile = null, TlsOptions? tls = null)
    {
        File.WriteAllText(TokenFile, $"{Leaving}\n{Staying}\n");
        return TestServer.StartAsync(new SummaryOptions
        {
            Tls = tls ?? new(),
            Security = new() { ApiTokens = [Leaving, Staying] },
            Metrics = new() { Tokens = metricsFile is null ? [] : [.. File.ReadAllLines(metricsFile)] },
            Transport = new() { DirectStreams = directStreams },
            Credentials = new CredentialOptions
            {
                ApiTokenFile = TokenFile,
                MetricsTokenFile = metricsFile,
                CheckInterval = TimeSpan.FromMilliseconds(200),
                Watch = watch,
            },
        });
    }

    // As a secret manager or `mv` does it: the new content renamed over the old file.
    private static void Replace(string path, string text)
    {
        File.WriteAllText(path + ".new", text);
        File.Move(path + ".new", path, overwrite: true);
    }

    private static async Task<string> SignInAsync(TestServer server, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/summary/session");
        request.Headers.Add(ApiTokenVerifier.Header, token);
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Assert.Single(response.Headers.GetValues("Set-Cookie")).Split(';')[0];
    }

    private static async Task<SseTestClient> OpenAsync(TestServer server, string? token = null, string? cookie = null)
    {
        var client = new SseTestClient(server.BaseAddress, token: token, cookie: cookie);
        await client.ConnectAsync("/summary/events", null);
        Assert.Equal(HttpStatusCode.OK, client.Response!.StatusCode);
        Assert.Equal("hello", (await client.NextAsync()).Name);
        Assert.Equal("full_snapshot", (await client.NextAsync()).Name);
        return client;
    }

    private static async Task<HttpStatusCode> StatusOfAsync(TestServer server, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(ApiTokenVerifier.Header, token);
        using var response = await server.Client.SendAsync(request);
        return response.StatusCode;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RemovedToken_EndsItsStreamsAndSessionsWithBye_OthersKeepStreaming(bool directStreams)
    {
        await using var server = await StartAsync(directStreams);
        var cookie = await SignInAsync(server, Leaving);
        await using var byHeader = await OpenAsync(server, token: Leaving);
        await using var bySession = await OpenAsync(server, cookie: cookie);
        await using var other = await OpenAsync(server, token: Staying);

        Replace(TokenFile, $"{Staying}\n");

        foreach (var ended in new[] { byHeader, bySession })
        {
            var (bye, _) = await ended.NextNamedAsync("bye", TimeSpan.FromSeconds(10));
            Assert.Equal("credentials revoked", bye.Data.GetProperty("reason").GetString());
            await ended.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusOfAsync(server, "/summary/events", Leaving));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusOfAsync(server, "/summary/resync", Leaving));
        using (var withSession = new HttpRequestMessage(HttpMethod.Get, "/summary/resync"))
        {
            withSession.Headers.Add("Cookie", cookie);
            using var refused = await server.Client.SendAsync(withSession);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        // The other token's stream is untouched: it gets the next event, not a bye.
        await server.CycleAsync();
        Assert.NotEqual("bye", (await other.NextAsync()).Name);
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(server, "/summary/resync", Staying));

        var id = Credential.IdOf(Leaving);
        var audit = Assert.Single(server.Logs.Lines, l => l.Contains("audit: credentials revoked", StringComparison.Ordinal));
        Assert.Contains($"token={id} setting=G6_SSE_API_TOKEN_FILE streams=2", audit, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Logs.Lines, l => l.Contains(Leaving, StringComparison.Ordinal) || l.Contains(Staying, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RemovedToken_EndsAnHttp2StreamOverTls_WithBye()
    {
        var certificate = TestCertificate.Create();
        certificate.WriteTo(_dir.File("cert.pem"), _dir.File("key.pem"));
        await using var server = await StartAsync(directStreams: true, tls: new TlsOptions { CertFile = _dir.File("cert.pem"), KeyFile = _dir.File("key.pem") });
        await using var stream = new SseTestClient(server.BaseAddress, token: Leaving, version: HttpVersion.Version20, trustedCertificate: certificate.Thumbprint);
        await stream.ConnectAsync("/summary/events", null);
        Assert.Equal(HttpVersion.Version20, stream.Response!.Version);
        await stream.NextNamedAsync("full_snapshot");

        Replace(TokenFile, $"{Staying}\n");
        var (bye, _) = await stream.NextNamedAsync("bye", TimeSpan.FromSeconds(10));
        Assert.Equal("credentials revoked", bye.Data.GetProperty("reason").GetString());
        await stream.Completion.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task RemovedToken_SeenByThePeriodicCheck_WhenNoWatcherEventComes()
    {
        await using var server = await StartAsync(directStreams: true, watch: false);
        await using var stream = await OpenAsync(server, token: Leaving);
        Replace(TokenFile, $"{Staying}\n");
        var (bye, _) = await stream.NextNamedAsync("bye", TimeSpan.FromSeconds(10));
        Assert.Equal("credentials revoked", bye.Data.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task EmptyOrMissingFile_KeepsTheLastGoodSet_AndWarns()
    {
        await using var server = await StartAsync(directStreams: true);
        await using var stream = await OpenAsync(server, token: Leaving);

        File.WriteAllText(TokenFile, string.Empty);
        await Wait.UntilAsync(() => server.Logs.Lines.Any(l => l.Contains("G6_SSE_API_TOKEN_FILE: the token file is empty; keeping the last good set of 2 tokens", StringComparison.Ordinal)), "the empty-file warning");
        File.Delete(TokenFile);
        await Wait.UntilAsync(() => server.Logs.Lines.Any(l => l.Contains("G6_SSE_API_TOKEN_FILE: the token file is missing; keeping the last good set", StringComparison.Ordinal)), "the missing-file warning");

        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(server, "/summary/resync", Leaving));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusOfAsync(server, "/summary/resync", "reader-never-configured"));
        await server.CycleAsync();
        Assert.NotEqual("bye", (await stream.NextAsync()).Name);
        Assert.DoesNotContain(server.Logs.Lines, l => l.Contains("credentials revoked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MetricsTokenFile_Rotated_OldTokenRefusedNewAccepted()
    {
        var metricsFile = _dir.File("metrics-tokens");
        File.WriteAllText(metricsFile, "scrape-old-0a1b2c\n");
        await using var server = await StartAsync(directStreams: true, metricsFile: metricsFile);
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(server, "/metrics", "scrape-old-0a1b2c"));

        Replace(metricsFile, "scrape-new-3d4e5f\n");
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await StatusOfAsync(server, "/metrics", "scrape-new-3d4e5f") != HttpStatusCode.OK)
        {
            // Each refused scrape is a real request; the reload that admits the new token ends the loop.
            await Task.Delay(TimeSpan.FromMilliseconds(20), limit.Token);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusOfAsync(server, "/metrics", "scrape-old-0a1b2c"));
    }

    [Fact]
    public async Task PublishTokenFile_Rotated_OldPublisherRefusedNewAccepted()
    {
        var publishFile = _dir.File("publish-tokens");
        File.WriteAllText(publishFile, "publish-old-1a2b3c\n");
        var options = StatusPushTests.PushOptions(new() { Tokens = ["publish-old-1a2b3c"] }) with
        {
            Credentials = new CredentialOptions { PublishTokenFile = publishFile, CheckInterval = TimeSpan.FromMilliseconds(200) },
        };
        await using var server = await TestServer.StartAsync(options);
        Assert.Equal(HttpStatusCode.OK, await PushStatusAsync(server, "publish-old-1a2b3c", 0.71));

        Replace(publishFile, "publish-new-4d5e6f\n");
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await PushStatusAsync(server, "publish-new-4d5e6f", 0.72) != HttpStatusCode.OK)
        {
            // Each refused push is a real request; the reload that admits the new token ends the loop.
            await Task.Delay(TimeSpan.FromMilliseconds(20), limit.Token);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await PushStatusAsync(server, "publish-old-1a2b3c", 0.73));
    }

    private static async Task<HttpStatusCode> PushStatusAsync(TestServer server, string token, double pcr)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/summary/status") { Content = new ByteArrayContent(StatusPushTests.Status(pcr)) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await server.Client.SendAsync(request);
        return response.StatusCode;
    }
}
