using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using G6.Summary.Tests.Integration;
using G6.Summary.Tests.TestSupport;

namespace G6.Summary.Tests.Backplane;

/// <summary>Collectors pushing status to two nodes of one shared log (a real Redis): each push is one event in the log.</summary>
public sealed class SharedLogPushTests
{
    private const string PublishToken = "publish-secret-1";

    private static byte[] Status(double pcr) => StatusPushTests.Status(pcr);

    private static async Task<JsonElement> PushAsync(TestServer node, byte[] body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/summary/status") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", PublishToken);
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        using var response = await node.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    [Fact]
    public async Task PushToEitherNode_OneEventInTheSharedLog_EveryNodeStreamsItWithTheSameId()
    {
        await using var redis = await RedisServer.StartAsync();
        var push = StatusPushTests.PushOptions(new() { Tokens = [PublishToken] });
        await using var a = await TestServer.StartAsync(SharedLog.Node(redis, "a", push));
        await using var b = await TestServer.StartAsync(SharedLog.Node(redis, "b", push));
        Assert.Equal(a.Log.Current.Epoch, b.Log.Current.Epoch);

        await using var onA = await a.OpenStreamAsync();
        await using var onB = await b.OpenStreamAsync();
        foreach (var stream in new[] { onA, onB })
        {
            await stream.NextNamedAsync("full_snapshot");
        }

        var start = a.Log.Current.Seq;
        var first = await PushAsync(a, Status(0.61), key: "k-1");
        var second = await PushAsync(b, Status(0.62));

        // One event per push, in the order the log took them, whichever node was pushed to.
        Assert.Equal(a.Log.Current.Epoch, first.GetProperty("epoch").GetString());
        Assert.Equal(start + 1, first.GetProperty("seq").GetInt64());
        Assert.Equal(start + 2, second.GetProperty("seq").GetInt64());
        Assert.Equal(["analytics"], second.GetProperty("changed").EnumerateArray().Select(e => e.GetString()));
        await Wait.UntilAsync(() => a.Log.Current.Seq == start + 2 && b.Log.Current.Seq == start + 2, "both nodes to follow the log to both pushes");
        Assert.Equal(second.GetProperty("digest").GetString(), a.Log.Current.Digest);
        Assert.Equal(a.Log.Current.Digest, b.Log.Current.Digest);

        foreach (var stream in new[] { onA, onB })
        {
            var x = await stream.NextAsync();
            var y = await stream.NextAsync();
            Assert.Equal(("panel_update", $"{first.GetProperty("epoch").GetString()}-{start + 1}"), (x.Name, x.Id));
            Assert.Equal(("panel_update", $"{first.GetProperty("epoch").GetString()}-{start + 2}"), (y.Name, y.Id));
        }

        // A collector's retry of the first push (same key, same node) changes nothing in the shared log.
        var retried = await PushAsync(a, Status(0.61), key: "k-1");
        Assert.Equal(first.GetRawText(), retried.GetRawText());
        Assert.Equal(start + 2, a.Log.Current.Seq);
    }
}
