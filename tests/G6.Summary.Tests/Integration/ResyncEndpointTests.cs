using System.Net;
using System.Text.Json;
using G6.Summary.Configuration;

namespace G6.Summary.Tests.Integration;

public sealed class ResyncEndpointTests
{
    [Fact]
    public async Task Resync_AfterApplyingStream_HashParityAtSameSeq()
    {
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status());
        await using var server = await TestServer.StartAsync(new SummaryOptions { Streaming = new() { HeartbeatCycles = 2 } }, source);
        await using var client = await server.OpenStreamAsync();
        var model = new ClientModel();
        await client.NextAsync();
        model.Apply(await client.NextAsync());

        for (var i = 0; i < 5; i++)
        {
            source.Set(ScriptedStatusSource.Status(niftyLtp: 20000 + i, cpu: i));
            await server.CycleAsync();
            model.Apply(await client.NextAsync());
        }

        await server.CycleAsync();
        await server.CycleAsync();
        model.Apply(await client.NextAsync());

        using var response = await server.Client.GetAsync(new Uri("/summary/resync", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        using var resync = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = resync.RootElement;
        Assert.Equal(model.Seq, root.GetProperty("seq").GetInt64());
        Assert.Equal(1, root.GetProperty("schema_version").GetInt32());
        Assert.Equal(server.Log.Current.Epoch, root.GetProperty("epoch").GetString());
        Assert.Equal(model.Digest(), root.GetProperty("digest").GetString());
        var panels = root.GetProperty("panels").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetProperty("hash").GetString());
        Assert.Equal(model.Panels.ToDictionary(p => p.Key, p => (string?)p.Value.Hash), panels);
    }

    [Fact]
    public async Task Resync_PanelsSubset_ReturnsOnlyThose()
    {
        await using var server = await TestServer.StartAsync(source: new ScriptedStatusSource(ScriptedStatusSource.Status()));
        using var doc = JsonDocument.Parse(await server.Client.GetStringAsync(new Uri("/summary/resync?panels=indices,%20alerts,nope", UriKind.Relative)));
        Assert.Equal(["indices", "alerts"], doc.RootElement.GetProperty("panels").EnumerateObject().Select(p => p.Name));
        Assert.Equal(server.Log.Current.Digest, doc.RootElement.GetProperty("digest").GetString());
    }

    [Fact]
    public async Task Resync_Disabled_NotFound()
    {
        await using var server = await TestServer.StartAsync(new SummaryOptions { Streaming = new() { ResyncEnabled = false } }, new ScriptedStatusSource(ScriptedStatusSource.Status()));
        using var response = await server.Client.GetAsync(new Uri("/summary/resync", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/nope", HttpStatusCode.NotFound)]
    [InlineData("GET", "/summary", HttpStatusCode.NotFound)]
    [InlineData("POST", "/summary/events", HttpStatusCode.MethodNotAllowed)]
    [InlineData("DELETE", "/summary/resync", HttpStatusCode.MethodNotAllowed)]
    [InlineData("PUT", "/summary/health", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/summary/health", HttpStatusCode.OK)]
    [InlineData("GET", "/metrics", HttpStatusCode.OK)]
    public async Task Routes_AnswerWithProtocolStatusCodes(string method, string path, HttpStatusCode expected)
    {
        await using var server = await TestServer.StartAsync(source: new ScriptedStatusSource(ScriptedStatusSource.Status()));
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
    }
}
