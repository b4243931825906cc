using G6.Summary.Configuration;
using G6.Summary.Tests.Integration;

namespace G6.Summary.Tests.Browser;

/// <summary>
/// The dashboard's EventSource in a real headless Chromium over a gzip stream (Chromium asks for gzip on
/// its own): the browser decodes each event as it arrives, so the page goes live and follows changes.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardCompressionTests(BrowserFixture browser)
{
    // No keepalive within a test: the page can show an event only from that event's own bytes, never because
    // a later comment pushed out something held back.
    private static readonly StreamingOptions NoKeepalive = new() { KeepaliveInterval = TimeSpan.FromHours(1) };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Dashboard_GzipEventStream_RendersPanelsThenShowsALiveUpdate(bool directStreams)
    {
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status());
        await using var server = await TestServer.StartAsync(new SummaryOptions { Transport = new() { DirectStreams = directStreams }, Streaming = NoKeepalive }, source);
        await using var page = await DashboardPage.OpenAsync(browser, server.BaseAddress);
        await page.WaitForStateAsync("LIVE");
        await page.WaitForPanelsAsync(await ServerState.PanelsAsync(server));

        var response = Assert.Single(page.StreamResponses);
        var headers = await response.AllHeadersAsync();
        Assert.Equal(200, response.Status);
        Assert.Equal("gzip", headers.GetValueOrDefault("content-encoding"));
        Assert.Equal("Accept-Encoding", headers.GetValueOrDefault("vary"));
        var request = await response.Request.AllHeadersAsync();
        Assert.Contains("gzip", request.GetValueOrDefault("accept-encoding") ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(1, server.Hub.ActiveStreams);
        Assert.Contains("g6_sse_compressed_streams 1\n", await server.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative)), StringComparison.Ordinal);

        // A change after the page went live: it arrives on the open gzip stream, no resync, no reconnect.
        source.Set(ScriptedStatusSource.Status(cpu: 93.5, pcr: 0.87));
        await server.CycleAsync();
        await page.WaitForPanelsAsync(await ServerState.PanelsAsync(server));
        await page.WaitForAsync(
            $"() => document.getElementById('counters').textContent.startsWith('seq {server.Log.Current.Seq} · resyncs 0 · reconnects 0')",
            "the counters to show the server's seq, without a resync or a reconnect");
        Assert.Equal("digest ok (Web Crypto)", await page.TextAsync("#verified"));
        Assert.Single(page.StreamResponses);
        Assert.Empty(page.ConsoleMessages);
        Assert.Empty(page.PageErrors);
    }

    [Fact]
    public async Task Dashboard_CompressionOff_IdentityEventStreamStillLive()
    {
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status());
        await using var server = await TestServer.StartAsync(new SummaryOptions { Streaming = NoKeepalive with { Compression = false } }, source);
        await using var page = await DashboardPage.OpenAsync(browser, server.BaseAddress);
        await page.WaitForStateAsync("LIVE");

        var headers = await Assert.Single(page.StreamResponses).AllHeadersAsync();
        Assert.False(headers.ContainsKey("content-encoding"), string.Join(" | ", headers.Select(h => $"{h.Key}={h.Value}")));
        Assert.False(headers.ContainsKey("vary"));

        source.Set(ScriptedStatusSource.Status(cpu: 93.5));
        await server.CycleAsync();
        await page.WaitForPanelsAsync(await ServerState.PanelsAsync(server));
        Assert.Empty(page.PageErrors);
    }
}
