using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using G6.Summary.Bench.Simulation;
using G6.Summary.Configuration;
using G6.Summary.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace G6.Summary.Tests.Integration;

/// <summary>The real file source behind the real server, following a status file as the platform rewrites it.</summary>
public sealed class StatusFileTests
{
    [Theory]
    [InlineData("runtime_status.json", "analytics", "pcr", 0.5)]
    [InlineData("runtime_status.json", "resources", "cpu", 88.8)]
    [InlineData("dq_demo.json", "analytics", "pcr", 2.25)]
    public async Task RewrittenFile_PanelUpdateNamesExactlyTheChangedPanel(string fixture, string panel, string field, double value)
    {
        using var dir = new TempDirectory();
        var path = dir.File("status.json");
        await File.WriteAllBytesAsync(path, Fixtures.ReadStatus(fixture));
        await using var server = await TestServer.StartAsync(new SummaryOptions { Status = new() { File = path } });
        await using var client = await server.OpenStreamAsync();
        await client.NextAsync();
        var model = new ClientModel();
        model.Apply(await client.NextAsync());

        var status = JsonNode.Parse(Fixtures.ReadStatus(fixture))!;
        status[panel == "analytics" ? "analytics" : "resources"]![field] = value;
        await StatusFileWriter.WriteAtomicallyAsync(path, Encoding.UTF8.GetBytes(status.ToJsonString()), CancellationToken.None);
        await server.CycleAsync();

        var update = await client.NextAsync();
        Assert.Equal("panel_update", update.Name);
        Assert.Equal([panel], update.Data.GetProperty("updates").EnumerateArray().Select(u => u.GetProperty("key").GetString()));
        model.Apply(update);
        Assert.Equal(server.Log.Current.Digest, model.Digest());
    }

    [Fact]
    public async Task FlatSchemaFile_ServedWithAllPanels()
    {
        using var dir = new TempDirectory();
        var path = dir.File("status.json");
        await File.WriteAllBytesAsync(path, Fixtures.ReadStatus("dashboard_status_test.json"));
        await using var server = await TestServer.StartAsync(new SummaryOptions { Status = new() { File = path } });
        using var resync = JsonDocument.Parse(await server.Client.GetStringAsync(new Uri("/summary/resync", UriKind.Relative)));
        var panels = resync.RootElement.GetProperty("panels");
        Assert.Equal(10, panels.EnumerateObject().Count());
        Assert.Contains(panels.GetProperty("indices").GetProperty("lines").EnumerateArray(), l => l.GetString()!.Contains("BANKNIFTY", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MissingFileAtStart_ServesPlaceholderPanelsAndReportsStale()
    {
        using var dir = new TempDirectory();
        var path = dir.File("not-yet.json");
        await using var server = await TestServer.StartAsync(new SummaryOptions { Status = new() { File = path } });
        await using var client = await server.OpenStreamAsync();
        await client.NextAsync();
        var snapshot = await client.NextAsync();
        Assert.Equal(10, snapshot.Data.GetProperty("panels").EnumerateObject().Count());

        using var health = await server.Client.GetAsync(new Uri("/summary/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        using var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal("stale", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("missing", body.RootElement.GetProperty("last_read_error").GetString());

        await File.WriteAllBytesAsync(path, Fixtures.ReadStatus("runtime_status.json"));
        await server.CycleAsync();
        var (update, _) = await client.NextNamedAsync("panel_update");
        Assert.True(update.Data.GetProperty("updates").GetArrayLength() > 5);
        using var healthy = await server.Client.GetAsync(new Uri("/summary/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
    }

    [Fact]
    public async Task NoFreshStatusForStaleWindow_HealthTurnsStale503()
    {
        var clock = new FakeTimeProvider();
        var options = new SummaryOptions { Status = new() { StaleAfter = TimeSpan.FromSeconds(30), RefreshInterval = TimeSpan.FromSeconds(1) } };
        await using var server = await TestServer.StartAsync(options, new ScriptedStatusSource(ScriptedStatusSource.Status()), clock);

        using (var ok = await server.Client.GetAsync(new Uri("/summary/health", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        clock.Advance(TimeSpan.FromSeconds(31));
        using var stale = await server.Client.GetAsync(new Uri("/summary/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, stale.StatusCode);
        using var body = JsonDocument.Parse(await stale.Content.ReadAsStringAsync());
        Assert.Equal("stale", body.RootElement.GetProperty("status").GetString());
        Assert.True(body.RootElement.GetProperty("last_good_read_age_sec").GetDouble() >= 31);
    }

    [Fact]
    public async Task SameBytesRewritten_StillGoesStale_LoggedOnceEachWay()
    {
        using var dir = new TempDirectory();
        var path = dir.File("status.json");
        var bytes = Fixtures.ReadStatus("runtime_status.json");
        await File.WriteAllBytesAsync(path, bytes);
        var clock = new FakeTimeProvider();
        var options = new SummaryOptions { Status = new() { File = path, StaleAfter = TimeSpan.FromSeconds(30), RefreshInterval = TimeSpan.FromHours(1) } };
        await using var server = await TestServer.StartAsync(options, time: clock);
        int Count(string text) => server.Logs.Lines.Count(l => l.Contains(text, StringComparison.Ordinal));

        // The collector rewrites the file atomically with the same bytes: written, but not changed.
        clock.Advance(TimeSpan.FromSeconds(20));
        await StatusFileWriter.WriteAtomicallyAsync(path, bytes, CancellationToken.None);
        await server.CycleAsync();
        Assert.Equal(0, Count("Health is stale"));
        clock.Advance(TimeSpan.FromSeconds(15));
        await StatusFileWriter.WriteAtomicallyAsync(path, bytes, CancellationToken.None);
        await server.CycleAsync();
        await server.CycleAsync();

        using (var stale = await server.Client.GetAsync(new Uri("/summary/health", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, stale.StatusCode);
        }

        Assert.Equal(1, Count("Health is stale: no changed status for 35 s (G6_SUMMARY_STALE_SEC=30)"));
        Assert.Contains("\ng6_summary_status_stale 1\n", await server.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative)), StringComparison.Ordinal);

        var status = JsonNode.Parse(bytes)!;
        status["analytics"]!["pcr"] = 0.5;
        await StatusFileWriter.WriteAtomicallyAsync(path, Encoding.UTF8.GetBytes(status.ToJsonString()), CancellationToken.None);
        await server.CycleAsync();
        await server.CycleAsync();
        using (var fresh = await server.Client.GetAsync(new Uri("/summary/health", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        Assert.Equal(1, Count("Health is fresh again"));
        Assert.Contains("\ng6_summary_status_stale 0\n", await server.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Equal(1, Count("Health is stale"));
    }
}
