using System.Net;
using System.Text.Json;

namespace G6.Summary.Tests.Integration;

public sealed class StatusFailureTests
{
    [Fact]
    public async Task CorruptStatus_OneErrorPerStreak_LastGoodStateKept_HealthDegraded()
    {
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status(pcr: 1.5));
        await using var server = await TestServer.StartAsync(source: source);
        await using var client = await server.OpenStreamAsync();
        await client.NextAsync();
        var snapshot = await client.NextAsync();

        source.Set("{\"app\": {\"name\": \"G6\"");
        await server.CycleAsync();
        await server.CycleAsync();
        await server.CycleAsync();
        source.Set("[1,2,3]");
        await server.CycleAsync();

        var error = await client.NextAsync();
        Assert.Equal("error", error.Name);
        Assert.True(error.Data.GetProperty("recoverable").GetBoolean());
        Assert.Contains("invalid_json", error.Data.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(client.TryRead(out var extra), $"expected one error per streak, got {extra?.Name}");

        using var health = await server.Client.GetAsync(new Uri("/summary/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal("degraded", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(4, body.RootElement.GetProperty("read_errors").GetInt64());
        Assert.Equal("not_object", body.RootElement.GetProperty("last_read_error").GetString());

        using var resync = JsonDocument.Parse(await server.Client.GetStringAsync(new Uri("/summary/resync", UriKind.Relative)));
        Assert.Equal(snapshot.Data.GetProperty("digest").GetString(), resync.RootElement.GetProperty("digest").GetString());

        source.Set(ScriptedStatusSource.Status(pcr: 1.75));
        await server.CycleAsync();
        var update = await client.NextAsync();
        Assert.Equal("panel_update", update.Name);
        using var healed = JsonDocument.Parse(await server.Client.GetStringAsync(new Uri("/summary/health", UriKind.Relative)));
        Assert.Equal("ok", healed.RootElement.GetProperty("status").GetString());

        source.Set("");
        await server.CycleAsync();
        var second = await client.NextAsync();
        Assert.Equal("error", second.Name);
        Assert.Contains("empty", second.Data.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
