using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using G6.Summary.Configuration;
using G6.Summary.Security;
using G6.Summary.Tests.Integration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace G6.Summary.Tests.Hardening;

/// <summary>
/// Every security rule and every hardening regression, against the real server, once over each path a
/// stream can take: the direct path (<see cref="HardeningOverDirectPathTests"/>) and Kestrel's HTTP layer
/// (<see cref="HardeningOverKestrelTests"/>).
/// </summary>
public abstract class HardeningTests
{
    private const string Token = "tok-3f9a1c77e2b84d05";

    /// <summary>Whether plain event streams take the direct path in this run of the rules.</summary>
    protected abstract bool DirectStreams { get; }

    private Task<TestServer> StartAsync(SummaryOptions options, TimeProvider? time = null, Action<WebApplication>? app = null) =>
        TestServer.StartAsync(options with { Transport = options.Transport with { DirectStreams = DirectStreams } }, new ScriptedStatusSource(ScriptedStatusSource.Status()), time, app);

    private static async Task<HttpResponseMessage> GetAsync(TestServer server, string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    private static async Task<string> MetricsAsync(TestServer server) =>
        await server.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong")]
    [InlineData("tok-3f9a1c77e2b84d0")]
    [InlineData("tok-3f9a1c77e2b84d055")]
    [InlineData("TOK-3F9A1C77E2B84D05")]
    public async Task Token_MissingWrongOrPartial_401BeforeAnything(string? presented)
    {
        await using var server = await StartAsync(new SummaryOptions { Security = new() { ApiTokens = [Token] } });
        foreach (var path in new[] { "/summary/events", "/summary/resync" })
        {
            using var response = presented is null ? await GetAsync(server, path) : await GetAsync(server, path, ("X-API-Token", presented));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("unauthorized\n", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(0, server.Hub.ActiveStreams);
        var metrics = await MetricsAsync(server);
        Assert.Contains("g6_sse_http_auth_fail_total{endpoint=\"events\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("g6_sse_http_auth_fail_total{endpoint=\"resync\"} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_DuplicatedHeader_Refused_CorrectOneAdmitted()
    {
        await using var server = await StartAsync(new SummaryOptions { Security = new() { ApiTokens = [Token, "tok-next-0a1b2c3d4e"] } });
        using (var twice = await GetAsync(server, "/summary/resync", ("X-API-Token", Token), ("X-API-Token", Token)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, twice.StatusCode);
        }

        using (var rotated = await GetAsync(server, "/summary/resync", ("X-API-Token", "tok-next-0a1b2c3d4e")))
        {
            Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        }

        using var stream = await GetAsync(server, "/summary/events", ("X-API-Token", Token));
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
    }

    [Theory]
    [InlineData("10.0.0.0/8", HttpStatusCode.Forbidden)]
    [InlineData("::1/128", HttpStatusCode.Forbidden)]
    [InlineData("192.168.1.7, 127.0.0.0/8", HttpStatusCode.OK)]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    [InlineData("::ffff:127.0.0.1", HttpStatusCode.OK)]
    public async Task IpAllowList_ExactAndCidr_DecidesByPeer(string allow, HttpStatusCode expected)
    {
        // Through the loader, exactly as an operator's setting arrives.
        var options = SummaryOptionsLoader.Load(new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create(SettingNames.IpAllow, (string?)allow)]).Build());
        await using var server = await StartAsync(options);
        using var response = await GetAsync(server, "/summary/resync");
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Equal("forbidden\n", await response.Content.ReadAsStringAsync());
            Assert.Contains("g6_sse_http_forbidden_ip_total 1", await MetricsAsync(server), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("curl/8.5.0", HttpStatusCode.Forbidden)]
    [InlineData("", HttpStatusCode.Forbidden)]
    [InlineData("G6-Dash/1.0 (linux)", HttpStatusCode.OK)]
    [InlineData("prometheus g6-bench", HttpStatusCode.OK)]
    public async Task UserAgentAllowList_SubstringCaseInsensitive(string agent, HttpStatusCode expected)
    {
        await using var server = await StartAsync(new SummaryOptions { Security = new() { UaAllow = ["g6-dash", "g6-bench"] } });
        using var response = await GetAsync(server, "/summary/resync", ("User-Agent", agent));
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Admission_Order_TokenThenIpThenUserAgent()
    {
        var options = new SummaryOptions { Security = new() { ApiTokens = [Token], IpAllow = [IPNetwork.Parse("10.0.0.0/8")], UaAllow = ["g6-dash"] } };
        await using var server = await StartAsync(options);
        using (var noToken = await GetAsync(server, "/summary/events", ("User-Agent", "curl")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        }

        using (var badIp = await GetAsync(server, "/summary/events", ("X-API-Token", Token), ("User-Agent", "curl")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, badIp.StatusCode);
        }

        var metrics = await MetricsAsync(server);
        Assert.Contains("g6_sse_http_rejected_connections_total{reason=\"unauthorized\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("g6_sse_http_rejected_connections_total{reason=\"forbidden_ip\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("g6_sse_http_forbidden_ua_total 0", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectRate_SlidingWindow_NotResetByClosing_FreedByTime()
    {
        var clock = new FakeTimeProvider();
        var options = new SummaryOptions { Security = new() { IpConnectRate = new ConnectRate(2, TimeSpan.FromSeconds(60)) }, Status = new() { RefreshInterval = TimeSpan.FromHours(1), StaleAfter = TimeSpan.FromDays(1) } };
        await using var server = await StartAsync(options, clock);
        for (var i = 0; i < 2; i++)
        {
            await using var stream = await server.OpenStreamAsync();
            Assert.Equal(HttpStatusCode.OK, stream.Response!.StatusCode);
            await stream.NextNamedAsync("full_snapshot");
        }

        await Wait.UntilAsync(() => server.Hub.ActiveStreams == 0, "both streams to close");
        clock.Advance(TimeSpan.FromSeconds(45));
        using (var limited = await GetAsync(server, "/summary/events"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.Equal("rate limited\n", await limited.Content.ReadAsStringAsync());
            Assert.Equal("15", limited.Headers.RetryAfter!.ToString());
        }

        clock.Advance(TimeSpan.FromSeconds(15));
        using var again = await GetAsync(server, "/summary/resync");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("g6_sse_http_rate_limited_total 1", await MetricsAsync(server), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamCap_FullThen429WithRetryAfter_SlotFreedOnClose()
    {
        await using var server = await StartAsync(new SummaryOptions { Security = new() { MaxConnections = 3 } });
        var open = new List<SseTestClient>();
        for (var i = 0; i < 3; i++)
        {
            open.Add(await server.OpenStreamAsync());
        }

        using (var refused = await GetAsync(server, "/summary/events"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal("5", refused.Headers.RetryAfter!.ToString());
            Assert.Equal("too many connections\n", await refused.Content.ReadAsStringAsync());
        }

        // The cap counts streams only: a client sent truncated at a full cap can still fetch the state.
        using (var resync = await GetAsync(server, "/summary/resync"))
        {
            Assert.Equal(HttpStatusCode.OK, resync.StatusCode);
        }

        await open[0].DisposeAsync();
        await Wait.UntilAsync(() => server.Hub.ReservedSlots == 2, "the closed stream's slot to be freed");
        await using var next = await server.OpenStreamAsync();
        Assert.Equal(HttpStatusCode.OK, next.Response!.StatusCode);
        foreach (var client in open.Skip(1))
        {
            await client.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("abc-DEF_123", true)]
    [InlineData("a", true)]
    [InlineData("has space", false)]
    [InlineData("semi;colon", false)]
    [InlineData("slash/inside", false)]
    public async Task RequestId_ValidEchoed_OtherwiseReplaced(string sent, bool echoed)
    {
        await using var server = await StartAsync(new SummaryOptions());
        using var response = await GetAsync(server, "/summary/health", ("X-Request-ID", sent));
        var id = Assert.Single(response.Headers.GetValues("X-Request-ID"));
        if (echoed)
        {
            Assert.Equal(sent, id);
        }
        else
        {
            Assert.NotEqual(sent, id);
            Assert.True(RequestId.IsValid(id));
        }
    }

    [Fact]
    public async Task RequestId_TooLong_Replaced()
    {
        await using var server = await StartAsync(new SummaryOptions());
        using var response = await GetAsync(server, "/summary/health", ("X-Request-ID", new string('a', 65)));
        Assert.Equal(16, Assert.Single(response.Headers.GetValues("X-Request-ID")).Length);
    }

    [Fact]
    public async Task UnhandledFailure_Generic500_NoExceptionTextAnywhere()
    {
        await using var server = await StartAsync(new SummaryOptions(), app: app =>
            app.MapGet("/test-only/boom", (HttpContext _) => throw new InvalidOperationException("secret internal detail /etc/g6")));
        using var response = await GetAsync(server, "/test-only/boom");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("internal error\n", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(response.Headers, h => h.Value.Any(v => v.Contains("secret", StringComparison.Ordinal)));
        Assert.Contains(server.Logs.Lines, l => l.Contains("InvalidOperationException", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs.Lines, l => l.Contains("secret internal detail", StringComparison.Ordinal) || l.Contains(" EXCEPTION ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Limits_OversizedHeadersUrlAndBodies_RightFourHundreds()
    {
        await using var server = await StartAsync(new SummaryOptions());
        var big = await RawAsync(server, $"GET /summary/health HTTP/1.1\r\nHost: x\r\nX-Big: {new string('a', 20_000)}\r\nConnection: close\r\n\r\n");
        Assert.Equal(431, big.Status);
        var many = await RawAsync(server, "GET /summary/health HTTP/1.1\r\nHost: x\r\n" + string.Concat(Enumerable.Range(0, 80).Select(i => $"X-H{i}: v\r\n")) + "Connection: close\r\n\r\n");
        Assert.Equal(431, many.Status);
        var url = await RawAsync(server, $"GET /summary/resync?panels={new string('p', 9000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        Assert.Equal(414, url.Status);
        var body = await RawAsync(server, "GET /summary/health HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");
        Assert.Equal(413, body.Status);
        var chunked = await RawAsync(server, "GET /summary/resync HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
        Assert.Equal(413, chunked.Status);
        var crInValue = await RawAsync(server, "GET /summary/health HTTP/1.1\r\nHost: x\r\nX-Evil: a\rb\r\nConnection: close\r\n\r\n");
        Assert.Equal(400, crInValue.Status);
        Assert.All(new[] { big, many, url, body, chunked, crInValue }, r => Assert.Null(r.Header("Server")));
    }

    [Fact]
    public async Task Cors_ConfiguredOrigin_PreflightAndHeaders_OthersNot()
    {
        await using var server = await StartAsync(new SummaryOptions { Security = new() { AllowedOrigins = ["https://ops.example.com"] } });
        using var preflight = new HttpRequestMessage(HttpMethod.Options, new Uri("/summary/events", UriKind.Relative));
        preflight.Headers.Add("Origin", "https://ops.example.com");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "x-api-token, last-event-id");
        using var answer = await server.Client.SendAsync(preflight);
        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        Assert.Equal("https://ops.example.com", Assert.Single(answer.Headers.GetValues("Access-Control-Allow-Origin")));

        using var allowed = await GetAsync(server, "/summary/resync", ("Origin", "https://ops.example.com"));
        Assert.Equal("https://ops.example.com", Assert.Single(allowed.Headers.GetValues("Access-Control-Allow-Origin")));
        using var other = await GetAsync(server, "/summary/resync", ("Origin", "https://evil.example.net"));
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Cors_NotConfigured_OptionsIs405()
    {
        await using var server = await StartAsync(new SummaryOptions());
        using var preflight = new HttpRequestMessage(HttpMethod.Options, new Uri("/summary/events", UriKind.Relative));
        preflight.Headers.Add("Origin", "https://ops.example.com");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        using var answer = await server.Client.SendAsync(preflight);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, answer.StatusCode);
        Assert.False(answer.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task ForwardedFor_IgnoredUnlessProxyTrusted()
    {
        var allow = new List<IPNetwork> { IPNetwork.Parse("10.0.0.0/8") };
        await using (var untrusting = await StartAsync(new SummaryOptions { Security = new() { IpAllow = allow } }))
        {
            using var spoofed = await GetAsync(untrusting, "/summary/resync", ("X-Forwarded-For", "10.1.2.3"));
            Assert.Equal(HttpStatusCode.Forbidden, spoofed.StatusCode);
        }

        await using var trusting = await StartAsync(new SummaryOptions { Security = new() { IpAllow = allow, TrustedProxies = [IPNetwork.Parse("127.0.0.1/32")] } });
        using var forwarded = await GetAsync(trusting, "/summary/resync", ("X-Forwarded-For", "10.1.2.3"));
        Assert.Equal(HttpStatusCode.OK, forwarded.StatusCode);
        using var chained = await GetAsync(trusting, "/summary/resync", ("X-Forwarded-For", "10.9.9.9, 203.0.113.5"));
        Assert.Equal(HttpStatusCode.Forbidden, chained.StatusCode);
    }

    [Fact]
    public async Task StreamCap_ExposedAsGauge_ForRatioAlerts()
    {
        await using var server = await StartAsync(new SummaryOptions { Security = new() { MaxConnections = 50 } });
        Assert.Contains("\ng6_sse_http_max_connections 50\n", await MetricsAsync(server), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MetricsToken_WrongOrMissing_CountedAndAudited()
    {
        await using var server = await StartAsync(new SummaryOptions { Metrics = new() { Tokens = ["metrics-7c1d2e3f"] } });
        using (await GetAsync(server, "/metrics", ("Authorization", "Bearer guess-0001"), ("X-Request-ID", "scrape-1")))
        {
        }

        using (await GetAsync(server, "/metrics"))
        {
        }

        using var scrape = await GetAsync(server, "/metrics", ("Authorization", "Bearer metrics-7c1d2e3f"));
        var text = await scrape.Content.ReadAsStringAsync();
        Assert.Contains("g6_sse_http_auth_fail_total{endpoint=\"metrics\"} 2", text, StringComparison.Ordinal);
        Assert.Contains("g6_sse_http_auth_fail_total{endpoint=\"events\"} 0", text, StringComparison.Ordinal);
        Assert.Contains(server.Logs.Lines, l => l.Contains("audit: refused unauthorized peer=127.0.0.1 request_id=scrape-1", StringComparison.Ordinal)
            && l.Contains("endpoint=metrics", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs.Lines, l => l.Contains("guess-0001", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MetricsToken_RequiredWhenSet_BearerOrHeader()
    {
        await using var server = await StartAsync(new SummaryOptions { Metrics = new() { Tokens = ["metrics-7c1d2e3f"] } });
        using (var open = await GetAsync(server, "/metrics"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, open.StatusCode);
            Assert.Equal("Bearer", open.Headers.WwwAuthenticate.ToString());
        }

        using (var bearer = await GetAsync(server, "/metrics", ("Authorization", "Bearer metrics-7c1d2e3f")))
        {
            Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
            Assert.StartsWith("text/plain; version=0.0.4", bearer.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        }

        using var header = await GetAsync(server, "/metrics", ("X-API-Token", "metrics-7c1d2e3f"));
        Assert.Equal(HttpStatusCode.OK, header.StatusCode);
        using var health = await GetAsync(server, "/summary/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task AuditLog_PeerRequestIdReasonAndUaHash_NeverRawValues()
    {
        await using var server = await StartAsync(new SummaryOptions { Security = new() { ApiTokens = [Token] } });
        const string Agent = "SecretAgent/7.0 (+internal-host-name)";
        using (await GetAsync(server, "/summary/resync", ("X-API-Token", "guess-123456"), ("User-Agent", Agent), ("X-Request-ID", "req-1")))
        {
        }

        using (await GetAsync(server, "/summary/resync", ("X-API-Token", Token), ("User-Agent", Agent), ("X-Request-ID", "req-2")))
        {
        }

        var lines = server.Logs.Lines.Where(l => l.Contains("audit:", StringComparison.Ordinal)).ToList();
        Assert.Contains(lines, l => l.Contains("refused unauthorized peer=127.0.0.1 request_id=req-1 ua=", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("accepted resync peer=127.0.0.1 request_id=req-2 ua=", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs.Lines, l => l.Contains("SecretAgent", StringComparison.Ordinal)
            || l.Contains("guess-123456", StringComparison.Ordinal) || l.Contains(Token, StringComparison.Ordinal));
    }

    /// <summary>
    /// Regression: a session cookie whose MAC was not valid base64url made the decoder throw, which would have
    /// aborted a direct-transport stream or answered 500 through Kestrel. Every hostile cookie is a plain 401.
    /// </summary>
    [Fact]
    public async Task SessionCookie_Hostile_401NeverAFailure()
    {
        await using var server = await StartAsync(new SummaryOptions { Security = new() { ApiTokens = [Token] } });
        // A real cookie's id and expiry, so that the check reaches the MAC.
        var signIn = await RawAsync(server, $"POST /summary/session HTTP/1.1\r\nHost: x\r\nX-API-Token: {Token}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        Assert.Equal(200, signIn.Status);
        var real = Regex.Match(signIn.Head, "g6_session=(v1\\.[^.]+\\.[0-9]+)\\.([A-Za-z0-9_-]{43})").Groups;
        var signed = real[1].Value;
        string[] cookies =
        [
            $"g6_session={signed}.!!!!",
            $"g6_session={signed}.{real[2].Value[..41]}",
            $"g6_session={signed}.{real[2].Value[..42]}=",
            $"g6_session={signed}.{real[2].Value[..42]}*",
            $"g6_session={signed}.{real[2].Value}AAAA",
            $"g6_session={signed}." + new string('A', 43),
            "g6_session=v1.AAAAAAAAAAAAAAAA.99999999999999999999." + new string('A', 43),
            "g6_session=v1." + new string('.', 3000),
            "g6_session=" + new string('A', 3500),
            "g6_session=\"quoted\"; g6_session=; g6_session",
            string.Join("; ", Enumerable.Repeat("g6_session=v1.a.1.b", 200)),
        ];
        foreach (var cookie in cookies)
        {
            foreach (var path in new[] { "/summary/events", "/summary/resync" })
            {
                var response = await RawAsync(server, $"GET {path} HTTP/1.1\r\nHost: x\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n");
                Assert.True(response.Status is 401 or 431, $"{path} with {cookie[..Math.Min(40, cookie.Length)]}: {response.Status}");
            }
        }

        Assert.DoesNotContain(server.Logs.Lines, l => l.Contains("unexpectedly", StringComparison.Ordinal) || l.Contains("EXCEPTION", StringComparison.Ordinal));
    }

    private static Task<RawResponse> RawAsync(TestServer server, string request) =>
        RawHttp.SendAsync(server.BaseAddress, Encoding.Latin1.GetBytes(request), TimeSpan.FromSeconds(10));
}
