using G6.Summary.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace G6.Summary.Tests.Integration;

/// <summary>
/// The scope's KPI: no more than ±1 cycle of heartbeat drift over a 5-minute idle run. Here the whole
/// service runs on a test clock, so 320 idle one-second cycles take a moment and every heartbeat's
/// cycle and emit time can be checked exactly. The real-clock run is `g6-summary heartbeat-check`.
/// </summary>
public sealed class HeartbeatAccuracyTests
{
    [Fact]
    public async Task Heartbeats_320IdleCycles_EachLandsExactlyOnItsCycleAndTime()
    {
        const int HeartbeatCycles = 5;
        const int Cycles = 321;
        var clock = new FakeTimeProvider();
        var options = new SummaryOptions
        {
            Status = new() { RefreshInterval = TimeSpan.FromSeconds(1), StaleAfter = TimeSpan.FromDays(1) },
            Streaming = new() { HeartbeatCycles = HeartbeatCycles },
        };
        await using var server = await TestServer.StartAsync(options, new ScriptedStatusSource(ScriptedStatusSource.Status()), clock);
        var start = clock.GetUtcNow();
        await using var client = await server.OpenStreamAsync();
        await client.NextNamedAsync("full_snapshot");

        for (var cycle = 2; cycle <= Cycles; cycle++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Wait.UntilAsync(() => server.Health.Report().Cycle == cycle, $"cycle {cycle}");
        }

        var expectedBeats = (Cycles - 1) / HeartbeatCycles;
        for (var i = 1; i <= expectedBeats; i++)
        {
            var beat = await client.NextAsync();
            Assert.Equal("heartbeat", beat.Name);
            var cycle = 1 + (i * HeartbeatCycles);
            Assert.Equal(cycle, beat.Data.GetProperty("cycle").GetInt64());
            var expectedTs = (start + TimeSpan.FromSeconds(cycle - 1) - DateTimeOffset.UnixEpoch).TotalMilliseconds;
            Assert.Equal(expectedTs, beat.Data.GetProperty("ts").GetDouble(), 3);
        }

        Assert.False(client.TryRead(out var extra), $"unexpected {extra?.Name}");
    }
}
