using System.Net;
using System.Text;
using G6.Summary.Configuration;
using G6.Summary.Security;

namespace G6.Summary.Tests.Integration;

/// <summary><c>/summary/session</c> and the session cookie at admission, over plain HTTP (the browser tests drive a real browser).</summary>
public sealed class SessionEndpointTests
{
    private const string Token = "reader-61c0de9a7b2f45";

    private static Task<TestServer> StartAsync(SummaryOptions options) =>
        TestServer.StartAsync(options, new ScriptedStatusSource(ScriptedStatusSource.Status()));

    // Cookies are set by hand in these tests; a fresh client per request also means a fresh connection,
    // which is what the direct stream transport serves.
    private static HttpClient NewClient(TestServer server) =>
        new(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    private static async Task<HttpResponseMessage> SendAsync(TestServer server, HttpMethod method, string path, string? token = null, string? cookie = null, HttpContent? content = null)
    {
        using var client = NewClient(server);
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation(ApiTokenVerifier.Header, token);
        }

        if (cookie is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookie);
        }

        // A stream is only looked at for its head; anything else is read whole before the client goes.
        var completion = path == "/summary/events" ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead;
        return await client.SendAsync(request, completion);
    }

    private static async Task<string> SignInAsync(TestServer server, string token = Token)
    {
        using var response = await SendAsync(server, HttpMethod.Post, "/summary/session", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        return setCookie.Split(';')[0];
    }

    [Fact]
    public async Task SignIn_TokenInHeader_SignedHttpOnlyStrictCookieScopedToSummary()
    {
        await using var server = await StartAsync(new SummaryOptions { Security = new() { ApiTokens = [Token] } });
        using var response = await SendAsync(server, HttpMethod.Post, "/summary/session", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        var attributes = setCookie.Split("; ");
        Assert.StartsWith($"{SessionCookies.CookieName}=v1.", attributes[0], StringComparison.Ordinal);
        Assert.Contains("path=/summary", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("max-age=43200", attributes);
        Assert.Contains(attributes, a => a.StartsWith("expires=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", attributes);
        Assert.DoesNotContain(Token, setCookie, StringComparison.Ordinal);

        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("{\"required\":true,\"active\":true,\"expires\":", body, StringComparison.Ordinal);
        Assert.Contains(server.Logs.Lines, l => l.Contains("audit: accepted session", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_TokenInJsonBody_Accepted()
    {
        await using var server = await StartAsync(new SummaryOptions { Security = new() { ApiTokens = [Token] } });
        using var json = new StringContent($"{{\"token\":\"{Token}\"}}", Encoding.UTF8, "application/json");
        using var response = await SendAsync(server, HttpMethod.Post, "/summary/session", content: json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(response.Headers.GetValues("Set-Cookie"));

        using var text = new StringContent($"{{\"token\":\"{Token}\"}}", Encoding.UTF8, "text/plain");
        using var notJson = await SendAsync(server, HttpMethod.Post, "/summary/session", content: text);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);

        using var big = new StringContent($"{{\"token\":\"{new string('x', 2000)}\"}}", Encoding.UTF8, "application/json");
        using var tooBig = await SendAsync(server, HttpMethod.Post, "/summary/session", content: big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
    }

    [Fact]
    public async Task SignIn_WrongOrMissingToken_401ClearLineCountedAndAudited()
    {
        await using var server = await StartAsync(new SummaryOptions { Security = new() { ApiTokens = [Token] } });
        using var wrong = await SendAsync(server, HttpMethod.Post, "/summary/session", "reader-wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("token missing or wrong\n", await wrong.Content.ReadAsStringAsync());
        Assert.False(wrong.Headers.Contains("Set-Cookie"));

        using var missing = await SendAsync(server, HttpMethod.Post, "/summary/session");
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);

        var metrics = await server.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("g6_sse_http_auth_fail_total{endpoint=\"session\"} 2", metrics, StringComparison.Ordinal);
        Assert.Equal(2, server.Logs.Lines.Count(l => l.Contains("audit: refused unauthorized", StringComparison.Ordinal)));
        Assert.DoesNotContain(server.Logs.Lines, l => l.Contains("reader-wrong", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_NoTokenConfigured_404()
    {
        await using var server = await StartAsync(new SummaryOptions());
        using var response = await SendAsync(server, HttpMethod.Post, "/summary/session", "anything");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var status = await SendAsync(server, HttpMethod.Get, "/summary/session");
        Assert.Equal("{\"required\":false,\"active\":false,\"expires\":null}", await status.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Cookie_AdmitsStreamAndResync_OnBothStreamPaths(bool directStreams)
    {
        await using var server = await StartAsync(new SummaryOptions { Security = new() { ApiTokens = [Token] }, Transport = new() { DirectStreams = directStreams } });
        var cookie = await SignInAsync(server);

        using (var events = await SendAsync(server, HttpMethod.Get, "/summary/events", cookie: $"theme=dark; {cookie}"))
        {
            Assert.Equal(HttpStatusCode.OK, events.StatusCode);

            // Kestrel chunks the stream; the direct transport's body runs until the connection closes.
            Assert.Equal(!directStreams, events.Headers.TransferEncodingChunked == true);
        }

        using var resync = await SendAsync(server, HttpMethod.Get, "/summary/resync", cookie: cookie);
        Assert.Equal(HttpStatusCode.OK, resync.StatusCode);

        using var without = await SendAsync(server, HttpMethod.Get, "/summary/events");
        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        using var forged = await SendAsync(server, HttpMethod.Get, "/summary/events", cookie: cookie[..^3] + "AAA");
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);

        // A token header, when sent, decides on its own: a wrong one is refused even beside a good session.
        using var wrongHeader = await SendAsync(server, HttpMethod.Get, "/summary/events", "reader-wrong", cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongHeader.StatusCode);
        Assert.Contains("g6_sse_http_auth_fail_total{endpoint=\"events\"} 3", await server.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Cookie_AllowListsStillApply(bool directStreams)
    {
        await using var server = await StartAsync(new SummaryOptions
        {
            Security = new() { ApiTokens = [Token], IpAllow = [System.Net.IPNetwork.Parse("10.0.0.0/8")] },
            Transport = new() { DirectStreams = directStreams },
        });

        // Sign-in itself is admitted like a stream: the allow list refuses it first.
        using var signIn = await SendAsync(server, HttpMethod.Post, "/summary/session", Token);
        Assert.Equal(HttpStatusCode.Forbidden, signIn.StatusCode);

        await using var open = await StartAsync(new SummaryOptions { Security = new() { ApiTokens = [Token] } });
        var cookie = await SignInAsync(open);
        using var events = await SendAsync(server, HttpMethod.Get, "/summary/events", cookie: cookie);
        Assert.Equal(HttpStatusCode.Forbidden, events.StatusCode);
    }

    [Fact]
    public async Task Cookie_FromAnotherNodeWithTheSameTokens_Accepted_RemovedTokenRefused()
    {
        const string Other = "reader-0b9e8d7c6a5f43";
        await using var first = await StartAsync(new SummaryOptions { Security = new() { ApiTokens = [Token, Other] } });
        var withToken = await SignInAsync(first, Token);
        var withOther = await SignInAsync(first, Other);

        await using var sameTokens = await StartAsync(new SummaryOptions { Security = new() { ApiTokens = [Other, Token] } });
        using (var accepted = await SendAsync(sameTokens, HttpMethod.Get, "/summary/resync", cookie: withToken))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        await using var rotated = await StartAsync(new SummaryOptions { Security = new() { ApiTokens = [Other] } });
        using var refused = await SendAsync(rotated, HttpMethod.Get, "/summary/resync", cookie: withToken);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using var kept = await SendAsync(rotated, HttpMethod.Get, "/summary/resync", cookie: withOther);
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
    }

    [Fact]
    public async Task Status_And_SignOut()
    {
        await using var server = await StartAsync(new SummaryOptions { Security = new() { ApiTokens = [Token] } });
        var cookie = await SignInAsync(server);

        using (var signedIn = await SendAsync(server, HttpMethod.Get, "/summary/session", cookie: cookie))
        {
            Assert.StartsWith("{\"required\":true,\"active\":true,\"expires\":", await signedIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var anonymous = await SendAsync(server, HttpMethod.Get, "/summary/session"))
        {
            Assert.Equal("{\"required\":true,\"active\":false,\"expires\":null}", await anonymous.Content.ReadAsStringAsync());
        }

        using var signOut = await SendAsync(server, HttpMethod.Delete, "/summary/session", cookie: cookie);
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        var expired = Assert.Single(signOut.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith($"{SessionCookies.CookieName}=;", expired, StringComparison.Ordinal);
        Assert.Contains("expires=Thu, 01 Jan 1970", expired, StringComparison.Ordinal);
        Assert.Contains("path=/summary", expired, StringComparison.Ordinal);
    }
}
