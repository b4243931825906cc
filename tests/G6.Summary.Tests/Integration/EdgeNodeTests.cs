using System.Net.Http.Json;
using System.Text.Json;
using G6.Summary.Configuration;
using G6.Summary.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace G6.Summary.Tests.Integration;

/// <summary><c>G6_SUMMARY_SOURCE=none</c>: a node that reads no status and serves only what its event log holds.</summary>
public sealed class EdgeNodeTests
{
    [Fact]
    public async Task NoSource_RunsNoCycle_ServesTheLogsStateAndIsHealthy()
    {
        await using var server = await TestServer.StartAsync(new SummaryOptions { Status = new() { Source = StatusSourceKind.None } });

        // No loop at all: nothing on this node can publish, not even a heartbeat.
        Assert.Null(server.Service<IServiceProvider>().GetService<SummaryLoop>());
        Assert.Equal(0, server.Log.Current.Seq);

        await using var client = await server.OpenStreamAsync();
        var hello = await client.NextAsync();
        Assert.Equal("hello", hello.Name);
        var snapshot = await client.NextAsync();
        Assert.Equal("full_snapshot", snapshot.Name);
        Assert.Empty(snapshot.Data.GetProperty("panels").EnumerateObject());

        using var health = await server.Client.GetFromJsonAsync<JsonDocument>("/summary/health");
        Assert.Equal("ok", health!.RootElement.GetProperty("status").GetString());
        Assert.Equal(0, server.Log.Current.Seq);
    }
}
