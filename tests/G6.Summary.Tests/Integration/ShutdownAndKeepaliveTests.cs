using System.Net;
using System.Text;
using G6.Summary.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace G6.Summary.Tests.Integration;

public sealed class ShutdownAndKeepaliveTests
{
    [Fact]
    public async Task Shutdown_OpenStreamsGetByeAndNewOnesAre503WithRetryAfter()
    {
        await using var server = await TestServer.StartAsync(source: new ScriptedStatusSource(ScriptedStatusSource.Status()));
        await using var client = await server.OpenStreamAsync();
        await client.NextNamedAsync("full_snapshot");

        var closed = server.Hub.ShutdownAsync("server shutting down", server.Loop.Cycle);
        var (bye, before) = await client.NextNamedAsync("bye");
        Assert.Empty(before);
        Assert.Equal("server shutting down", bye.Data.GetProperty("reason").GetString());
        Assert.Equal(server.Log.Current.Seq, bye.Seq);
        await client.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        await closed.WaitAsync(TimeSpan.FromSeconds(10));

        using var refused = await server.Client.GetAsync(new Uri("/summary/events", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("5", refused.Headers.RetryAfter!.ToString());
        Assert.Equal("service stopping\n", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Shutdown_AfterIdleCycles_ByeCarriesTheLoopsCurrentCycle()
    {
        var options = new SummaryOptions { Status = new() { RefreshInterval = TimeSpan.FromHours(1), StaleAfter = TimeSpan.FromDays(1) } };
        await using var server = await TestServer.StartAsync(options, new ScriptedStatusSource(ScriptedStatusSource.Status()));
        await using var client = await server.OpenStreamAsync();
        var (snapshot, _) = await client.NextNamedAsync("full_snapshot");

        // Idle cycles publish nothing (fewer than G6_SSE_HEARTBEAT_CYCLES), so the last event's cycle falls behind.
        for (var i = 0; i < 3; i++)
        {
            await server.CycleAsync();
        }

        Assert.True(server.Loop.Cycle >= snapshot.Data.GetProperty("cycle").GetInt64() + 3);
        var stopping = server.Service<G6.Summary.Hosting.StreamShutdownService>().StoppingAsync(CancellationToken.None);
        var (bye, _) = await client.NextNamedAsync("bye");
        Assert.Equal(server.Loop.Cycle, bye.Data.GetProperty("cycle").GetInt64());
        Assert.Equal(server.Log.Current.Seq, bye.Seq);
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Keepalive_SilentStream_GetsCommentAfterInterval()
    {
        var clock = new FakeTimeProvider();
        var options = new SummaryOptions
        {
            Status = new() { RefreshInterval = TimeSpan.FromHours(1), StaleAfter = TimeSpan.FromDays(1) },
            Streaming = new() { KeepaliveInterval = TimeSpan.FromSeconds(2) },
        };
        await using var server = await TestServer.StartAsync(options, new ScriptedStatusSource(ScriptedStatusSource.Status()), clock);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var response = await http.GetAsync(new Uri("/summary/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var seen = new StringBuilder();
        await ReadUntilAsync(body, seen, "event: full_snapshot");
        Assert.DoesNotContain(": keepalive", seen.ToString(), StringComparison.Ordinal);

        // Silence for longer than the interval (housekeeping ticks every second at most) on the test clock.
        clock.Advance(TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromSeconds(1.5));
        await ReadUntilAsync(body, seen, ": keepalive\n\n");
    }

    private static async Task ReadUntilAsync(Stream body, StringBuilder seen, string marker)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var buffer = new byte[4096];
        while (!seen.ToString().Contains(marker, StringComparison.Ordinal))
        {
            var read = await body.ReadAsync(buffer, timeout.Token);
            Assert.True(read > 0, $"stream ended before {marker}");
            seen.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }
    }
}
