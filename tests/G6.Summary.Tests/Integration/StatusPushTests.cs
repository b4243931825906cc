using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using G6.Summary.Configuration;
using G6.Summary.Security;
using G6.Summary.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace G6.Summary.Tests.Integration;

/// <summary><c>POST /summary/status</c> on the real server: every answer, idempotent retries, and the stream it feeds.</summary>
public sealed class StatusPushTests
{
    private const string PublishToken = "publish-secret-1";
    private const string ReaderToken = "reader-secret-1";

    internal static SummaryOptions PushOptions(PublishOptions? publish = null) => new()
    {
        Status = new StatusOptions { Source = StatusSourceKind.Push },
        Publish = publish ?? new PublishOptions { Tokens = [PublishToken] },
    };

    // The source comes from G6_SUMMARY_SOURCE=push, as in production (no test double).
    private static Task<TestServer> StartPushServerAsync(SummaryOptions? options = null, TimeProvider? time = null) =>
        TestServer.StartAsync(options ?? PushOptions(), time: time);

    internal static byte[] Status(double pcr)
    {
        var status = JsonNode.Parse(Fixtures.ReadStatus("runtime_status.json"))!;
        status["analytics"]!["pcr"] = pcr;
        return Encoding.UTF8.GetBytes(status.ToJsonString());
    }

    private static async Task<HttpResponseMessage> PushAsync(TestServer server, byte[] body, string? token = PublishToken, string contentType = "application/json", string? key = null, bool chunked = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/summary/status");
        HttpContent content = chunked ? new StreamContent(new MemoryStream(body)) : new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Content = content;
        if (chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        return await server.Client.SendAsync(request);
    }

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    [Fact]
    public async Task Push_WithoutPublishToken_EndpointIsOff404()
    {
        // The file source with no publish token: the path is unknown, like any other.
        await using var server = await TestServer.StartAsync(new SummaryOptions(), new ScriptedStatusSource(ScriptedStatusSource.Status()));
        using var response = await PushAsync(server, Status(1), token: "anything");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Push_ChangedStatus_Answers200OnceItsEventIsInTheLog_AndStreamsIt()
    {
        await using var server = await StartPushServerAsync();
        await using var stream = await server.OpenStreamAsync();
        Assert.Equal("hello", (await stream.NextAsync()).Name);
        var model = new ClientModel();
        model.Apply(await stream.NextAsync());

        using var response = await PushAsync(server, Status(0.5));
        var answer = await JsonOf(response);

        // The answer describes an event that is already in the log.
        var seq = answer.GetProperty("seq").GetInt64();
        Assert.True(server.Log.TryGet(seq, out _));
        Assert.Equal(server.Log.Current.Epoch, answer.GetProperty("epoch").GetString());
        Assert.Equal(server.Log.Current.Digest, answer.GetProperty("digest").GetString());
        var changed = answer.GetProperty("changed").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Contains("analytics", changed);

        var update = await stream.NextAsync();
        Assert.Equal("panel_update", update.Name);
        Assert.Equal(seq, update.Seq);
        Assert.Equal(changed, update.Data.GetProperty("updates").EnumerateArray().Select(u => u.GetProperty("key").GetString()));
        model.Apply(update);
        Assert.Equal(answer.GetProperty("digest").GetString(), model.Digest());

        // Only the pcr changes next: exactly the analytics panel, and a second event.
        using var second = await PushAsync(server, Status(0.75));
        var next = await JsonOf(second);
        Assert.Equal(seq + 1, next.GetProperty("seq").GetInt64());
        Assert.Equal(["analytics"], next.GetProperty("changed").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Push_SameStatusAgain_ChangedEmptyAndNoEvent()
    {
        await using var server = await StartPushServerAsync();
        using var first = await PushAsync(server, Status(0.5));
        var answer = await JsonOf(first);
        var seq = server.Log.Current.Seq;

        using var again = await PushAsync(server, Status(0.5));
        var repeat = await JsonOf(again);
        Assert.Empty(repeat.GetProperty("changed").EnumerateArray());
        Assert.Equal(seq, repeat.GetProperty("seq").GetInt64());
        Assert.Equal(answer.GetProperty("digest").GetString(), repeat.GetProperty("digest").GetString());
        Assert.Equal(seq, server.Log.Current.Seq);
    }

    [Fact]
    public async Task TimedCycles_InPushMode_NeverChangeThePushedPanels()
    {
        await using var server = await StartPushServerAsync(PushOptions() with { Streaming = new StreamingOptions { HeartbeatCycles = 1 } });
        using var response = await PushAsync(server, Status(0.5));
        var digest = (await JsonOf(response)).GetProperty("digest").GetString();
        var seq = server.Log.Current.Seq;

        await server.CycleAsync();
        await server.CycleAsync();

        // Heartbeats keep coming (one per cycle here), carrying the pushed state.
        Assert.Equal(seq + 2, server.Log.Current.Seq);
        Assert.True(server.Log.TryGet(seq + 2, out var heartbeat));
        Assert.Equal("heartbeat", heartbeat.Name);
        Assert.Equal(digest, server.Log.Current.Digest);
    }

    [Theory]
    [InlineData("{\"app\": {\"name\": ", "status is not valid JSON")]
    [InlineData("[1, 2]", "status root is a JSON array, not an object")]
    [InlineData("{\"foo\": 1}", "document is not a status")]
    [InlineData("", "status is empty")]
    public async Task Push_BadDocument_400WithReason_LastGoodStateKeepsStreaming(string body, string reason)
    {
        await using var server = await StartPushServerAsync();
        using (var good = await PushAsync(server, Status(0.5)))
        {
            await JsonOf(good);
        }

        var before = server.Log.Current;
        await using var stream = await server.OpenStreamAsync();
        Assert.Equal("hello", (await stream.NextAsync()).Name);
        Assert.Equal("full_snapshot", (await stream.NextAsync()).Name);

        using var bad = await PushAsync(server, Encoding.UTF8.GetBytes(body));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var line = await bad.Content.ReadAsStringAsync();
        Assert.StartsWith(reason, line, StringComparison.Ordinal);
        Assert.Single(line.Trim().Split('\n'));
        Assert.Same(before, server.Log.Current);

        // The next good push still works and the open stream gets it.
        using (var good = await PushAsync(server, Status(0.25)))
        {
            await JsonOf(good);
        }

        var update = await stream.NextAsync();
        Assert.Equal("panel_update", update.Name);
        Assert.Equal(before.Seq + 1, update.Seq);
    }

    [Fact]
    public async Task Push_Credentials_401WithoutOrWrong_403ForAReaderToken()
    {
        var options = PushOptions() with { Security = new SecurityOptions { ApiTokens = [ReaderToken] } };
        await using var server = await StartPushServerAsync(options);
        var start = server.Log.Current;

        using (var missing = await PushAsync(server, Status(1), token: null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
            Assert.Equal("Bearer", missing.Headers.WwwAuthenticate.Single().Scheme);
        }

        using (var wrong = await PushAsync(server, Status(1), token: "publish-secret-2"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using (var reader = await PushAsync(server, Status(1), token: ReaderToken))
        {
            Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
        }

        // The reader's header does not publish either.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/summary/status") { Content = new ByteArrayContent(Status(1)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("X-API-Token", PublishToken);
        using (var header = await server.Client.SendAsync(request))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, header.StatusCode);
        }

        Assert.Same(start, server.Log.Current);
        var metrics = await server.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("g6_summary_pushes_total{result=\"unauthorized\"} 3", metrics, StringComparison.Ordinal);
        Assert.Contains("g6_summary_pushes_total{result=\"forbidden\"} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_WrongContentType_415()
    {
        await using var server = await StartPushServerAsync();
        using var response = await PushAsync(server, Status(1), contentType: "text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        using var withCharset = await PushAsync(server, Status(1), contentType: "application/json; charset=utf-8");
        Assert.Equal(HttpStatusCode.OK, withCharset.StatusCode);
    }

    [Fact]
    public async Task Push_WithoutLength_411_OverMaxBytes_413_NothingPublished()
    {
        await using var server = await StartPushServerAsync(PushOptions(new PublishOptions { Tokens = [PublishToken], MaxBytes = 1024 }));
        var start = server.Log.Current;
        var status = Status(1);
        Assert.True(status.Length > 1024);

        using (var chunked = await PushAsync(server, status, chunked: true))
        {
            Assert.Equal(HttpStatusCode.LengthRequired, chunked.StatusCode);
        }

        using (var large = await PushAsync(server, status))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
            Assert.Contains("G6_PUBLISH_MAX_BYTES", await large.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Same(start, server.Log.Current);
        var small = Encoding.UTF8.GetBytes("{\"app\": {\"name\": \"g6\", \"version\": \"9.9\"}}");
        using var fits = await PushAsync(server, small);
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
    }

    [Fact]
    public async Task Push_PastThePublisherRate_429WithRetryAfter()
    {
        var publish = new PublishOptions { Tokens = [PublishToken, "publish-secret-b"], Rate = new ConnectRate(2, TimeSpan.FromSeconds(600)) };
        await using var server = await StartPushServerAsync(PushOptions(publish));
        for (var i = 0; i < 2; i++)
        {
            using var ok = await PushAsync(server, Status(i));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var limited = await PushAsync(server, Status(5));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);

        // The rate is per publisher: the other token still pushes.
        using var other = await PushAsync(server, Status(6), token: "publish-secret-b");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Push_RetriedWithIdempotencyKey_SameAnswerAndNoSecondEvent()
    {
        await using var server = await StartPushServerAsync();
        using var first = await PushAsync(server, Status(0.5), key: "collector-7-push-1");
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        // Another push lands in between: a retry of the first must not publish its older document again.
        using (var between = await PushAsync(server, Status(0.9)))
        {
            Assert.Equal(HttpStatusCode.OK, between.StatusCode);
        }

        var head = server.Log.Current;
        using var retry = await PushAsync(server, Status(0.5), key: "collector-7-push-1");
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Same(head, server.Log.Current);

        // The same key with another document is refused, not answered with the first push's answer.
        using var reused = await PushAsync(server, Status(0.1), key: "collector-7-push-1");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Same(head, server.Log.Current);

        using var badKey = await PushAsync(server, Status(0.1), key: new string('k', 129));
        Assert.Equal(HttpStatusCode.BadRequest, badKey.StatusCode);
    }

    [Fact]
    public async Task PushMode_NoPushForStaleSec_HealthStale_NextPushFresh()
    {
        var clock = new FakeTimeProvider();
        var options = PushOptions() with
        {
            Status = new StatusOptions { Source = StatusSourceKind.Push, StaleAfter = TimeSpan.FromSeconds(30), RefreshInterval = TimeSpan.FromHours(1) },
        };
        await using var server = await StartPushServerAsync(options, clock);
        using (var pushed = await PushAsync(server, Status(0.5)))
        {
            Assert.Equal(HttpStatusCode.OK, pushed.StatusCode);
        }

        using (var ok = await server.Client.GetAsync(new Uri("/summary/health", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        clock.Advance(TimeSpan.FromSeconds(31));
        await server.CycleAsync();
        using (var stale = await server.Client.GetAsync(new Uri("/summary/health", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, stale.StatusCode);
        }

        // Any push shows the collector is alive, even one that changes nothing.
        using (var same = await PushAsync(server, Status(0.5)))
        {
            Assert.Empty((await JsonOf(same)).GetProperty("changed").EnumerateArray());
        }

        using var fresh = await server.Client.GetAsync(new Uri("/summary/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        var metrics = await server.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("g6_summary_pushes_total{result=\"published\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("g6_summary_pushes_total{result=\"unchanged\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("g6_summary_push_size_bytes_count 2", metrics, StringComparison.Ordinal);
        Assert.Contains("g6_summary_push_publish_latency_seconds_count 1", metrics, StringComparison.Ordinal);
    }
}
