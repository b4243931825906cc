using System.Globalization;
using System.Text;
using G6.Summary.Configuration;
using G6.Summary.Publishing;
using G6.Summary.Tests.Integration;
using G6.Summary.Tests.TestSupport;
using Microsoft.Playwright;

namespace G6.Summary.Tests.Browser;

/// <summary>
/// The dashboard in a real headless Chromium against the real server: what an operator sees. Cycles are run
/// by the tests (the loop's timer is an hour), so every change on the page has a known cause.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardLiveTests(BrowserFixture browser)
{
    private const string Fixture = "runtime_status.json";

    // Records every picture the page shows (epoch and panels), as it changes, so a test can prove that no
    // picture ever mixed two states.
    private const string RecordPicturesScript = """
        () => {
          window.g6Pictures = [];
          const take = () => window.g6Pictures.push(JSON.stringify({
            epoch: document.getElementById('epoch').textContent,
            panels: [...document.querySelectorAll('#panels > section.panel')].map(s => ({
              key: s.dataset.key,
              title: s.querySelector('.panel-title').textContent,
              lines: [...s.querySelectorAll('li > .text')].map(l => l.textContent),
            })),
          }));
          new MutationObserver(take).observe(document.body, { subtree: true, childList: true, characterData: true });
          take();
        }
        """;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Dashboard_RealFixture_ShowsEveryPanelAndGoesLive(bool directStreams)
    {
        var source = new ScriptedStatusSource(Encoding.UTF8.GetString(Fixtures.ReadStatus(Fixture)));
        await using var server = await TestServer.StartAsync(new SummaryOptions { Transport = new() { DirectStreams = directStreams } }, source);
        await using var page = await DashboardPage.OpenAsync(browser, server.BaseAddress);

        await page.WaitForStateAsync("LIVE");
        var expected = await ServerState.PanelsAsync(server);
        Assert.Equal(10, expected.Count);
        await page.WaitForPanelsAsync(expected);

        Assert.Equal(server.Log.Current.Epoch, await page.TextAsync("#epoch"));
        Assert.Equal(EventEncoder.ServerVersion, await page.TextAsync("#server"));
        Assert.Equal(server.Log.Current.Cycle.ToString(CultureInfo.InvariantCulture), await page.TextAsync("#cycle"));
        Assert.Equal("digest ok (Web Crypto)", await page.TextAsync("#verified"));
        await page.WaitForAsync("() => /^\\d+\\.\\d s ago$/.test(document.getElementById('age').textContent)", "the age to tick");
        await AssertStreamPathAsync(page, directStreams);
        Assert.Empty(page.ConsoleMessages);
        Assert.Empty(page.PageErrors);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Dashboard_PanelsInItsAddress_ShowsAndFollowsOnlyThose(bool directStreams)
    {
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status());
        await using var server = await TestServer.StartAsync(new SummaryOptions { Transport = new() { DirectStreams = directStreams } }, source);
        await using var page = await DashboardPage.OpenAsync(browser, server.BaseAddress, path: "/?panels=resources,analytics");
        await page.WaitForStateAsync("LIVE");
        await page.WaitForPanelsAsync(await ServerState.PanelsAsync(server, subset: "resources,analytics"));

        // One change outside the subset (not sent: a seq gap), then one inside it: shown, with no resync.
        source.Set(ScriptedStatusSource.Status(niftyLtp: 20001));
        await server.CycleAsync();
        source.Set(ScriptedStatusSource.Status(niftyLtp: 20001, cpu: 93.5));
        await server.CycleAsync();
        var expected = await ServerState.PanelsAsync(server, subset: "resources,analytics");
        Assert.Equal(2, expected.Count);
        await page.WaitForPanelsAsync(expected);
        await page.WaitForAsync(
            $"() => document.getElementById('counters').textContent === 'seq {server.Log.Current.Seq} · resyncs 0 · reconnects 0 · panels resources, analytics'",
            "the counters to show the subset at the server's seq, without a resync");
        Assert.Equal("digest ok (Web Crypto)", await page.TextAsync("#verified"));
        Assert.Contains(page.RequestUrls, u => u.EndsWith("/summary/events?panels=resources,analytics", StringComparison.Ordinal));
        Assert.Empty(page.PageErrors);
    }

    [Fact]
    public async Task Dashboard_StatusChanges_ShownAfterTheNextCycle()
    {
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status());
        await using var server = await TestServer.StartAsync(source: source);
        await using var page = await DashboardPage.OpenAsync(browser, server.BaseAddress);
        await page.WaitForStateAsync("LIVE");
        var before = server.Log.Current.Cycle;

        source.Set(ScriptedStatusSource.Status(cpu: 93.5, pcr: 0.87));
        await server.CycleAsync();

        // One cycle, and no other: the change must be on screen from the event that cycle published.
        var expected = await ServerState.PanelsAsync(server);
        await page.WaitForPanelsAsync(expected);
        Assert.Equal((before + 1).ToString(CultureInfo.InvariantCulture), await page.TextAsync("#cycle"));
        Assert.Equal("LIVE", await page.StateAsync());

        // CPU at 93.5 % is "act now", in colour and in words, and so is the Resources panel.
        var cpu = page.Page.Locator("section[data-key=resources] li", new PageLocatorOptions { HasText = "CPU: 93.5%" });
        Assert.Equal("bad", await cpu.GetAttributeAsync("data-tone"));
        Assert.Equal("act now: ", await cpu.Locator(".visually-hidden").TextContentAsync());
        Assert.Equal("act now", await page.TextAsync("section[data-key=resources] .badge"));
        Assert.Empty(page.ConsoleMessages);
        Assert.Empty(page.PageErrors);
    }

    [Fact]
    public async Task Dashboard_ServerStopsAndReturns_ReconnectingThenLiveAndCorrect()
    {
        var options = new SummaryOptions { Streaming = new() { RetryMs = 200 } };
        var status = ScriptedStatusSource.Status();
        var first = await TestServer.StartAsync(options, new ScriptedStatusSource(status));
        var port = first.BaseAddress.Port;
        DashboardPage? page = null;
        TestServer? second = null;
        try
        {
            page = await DashboardPage.OpenAsync(browser, first.BaseAddress);
            await page.WaitForStateAsync("LIVE");
            var oldEpoch = first.Log.Current.Epoch;

            await first.StopAsync();
            await page.WaitForStateAsync("RECONNECTING");
            Assert.Contains("server restarting (server shutting down)", await page.TextAsync("#notice"), StringComparison.Ordinal);

            second = await TestServer.StartAsync(options, new ScriptedStatusSource(ScriptedStatusSource.Status(cpu: 12.5)), port: port);
            await page.WaitForStateAsync("LIVE");
            await page.WaitForPanelsAsync(await ServerState.PanelsAsync(second));
            Assert.NotEqual(oldEpoch, second.Log.Current.Epoch);
            Assert.Equal(second.Log.Current.Epoch, await page.TextAsync("#epoch"));
            Assert.Equal("digest ok (Web Crypto)", await page.TextAsync("#verified"));
            Assert.Empty(page.PageErrors);

            // While the server was away the browser's own retries fail, which Chromium reports in the console;
            // nothing else may appear there.
            Assert.Empty(page.ConsoleMessagesBesidesServerAway);
        }
        finally
        {
            if (page is not null)
            {
                await page.DisposeAsync();
            }

            await first.DisposeAsync();
            if (second is not null)
            {
                await second.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Dashboard_RestartWithNewEpoch_EndsInTheNewStateNeverAMixedOne()
    {
        var options = new SummaryOptions { Streaming = new() { RetryMs = 200 } };
        var first = await TestServer.StartAsync(options, new ScriptedStatusSource(Encoding.UTF8.GetString(Fixtures.ReadStatus(Fixture))));
        var port = first.BaseAddress.Port;
        DashboardPage? page = null;
        TestServer? second = null;
        try
        {
            page = await DashboardPage.OpenAsync(browser, first.BaseAddress);
            await page.WaitForStateAsync("LIVE");
            var oldPanels = await ServerState.PanelsAsync(first);
            await page.WaitForPanelsAsync(oldPanels);
            var oldEpoch = first.Log.Current.Epoch;
            await page.Page.EvaluateAsync(RecordPicturesScript);

            await first.StopAsync();
            await first.DisposeAsync();
            second = await TestServer.StartAsync(options, new ScriptedStatusSource(Encoding.UTF8.GetString(Fixtures.ReadStatus("runtime_status_closed.json"))), port: port);
            var newPanels = await ServerState.PanelsAsync(second);
            Assert.NotEqual(oldPanels, newPanels, PanelsComparer);

            await page.WaitForStateAsync("LIVE");
            await page.WaitForPanelsAsync(newPanels);
            Assert.Equal(second.Log.Current.Epoch, await page.TextAsync("#epoch"));

            // Every picture the page showed was the old state under the old epoch or the new state under the new one.
            var pictures = await page.Page.EvaluateAsync<string[]>("() => window.g6Pictures");
            Assert.NotEmpty(pictures);
            foreach (var json in pictures)
            {
                using var picture = System.Text.Json.JsonDocument.Parse(json);
                var epoch = picture.RootElement.GetProperty("epoch").GetString();
                var shown = System.Text.Json.JsonSerializer.Deserialize<ShownPanel[]>(picture.RootElement.GetProperty("panels").GetRawText(), BrowserJson.Options)!;
                var expected = epoch == oldEpoch ? oldPanels : epoch == second.Log.Current.Epoch ? newPanels : null;
                Assert.True(expected is not null, $"a picture under epoch {epoch}");
                Assert.Equal(expected, shown, PanelsComparer);
            }

            Assert.Empty(page.ConsoleMessagesBesidesServerAway);
            Assert.Empty(page.PageErrors);
        }
        finally
        {
            if (page is not null)
            {
                await page.DisposeAsync();
            }

            await first.DisposeAsync();
            if (second is not null)
            {
                await second.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Dashboard_TruncatedEvent_ResyncsAndSaysSo()
    {
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status());
        await using var server = await TestServer.StartAsync(new SummaryOptions { Streaming = new() { MaxEventBytes = 3500 } }, source);
        await using var page = await DashboardPage.OpenAsync(browser, server.BaseAddress);
        await page.WaitForStateAsync("LIVE");
        Assert.DoesNotContain(page.RequestUrls, u => u.Contains("/summary/resync", StringComparison.Ordinal));

        // The first snapshot fits in 3,500 bytes; two hundred indices do not, so the stream carries "truncated".
        source.Set(ScriptedStatusSource.ManyIndices(200, 20000));
        await server.CycleAsync();
        Assert.True(server.Log.TryGet(server.Log.Current.Seq, out var published));
        Assert.Equal("truncated", published.Name);

        await page.WaitForAsync("() => document.getElementById('notice').textContent.startsWith('resynced after a truncated event')", "the resync notice");
        await page.WaitForPanelsAsync(await ServerState.PanelsAsync(server));
        Assert.Equal("LIVE", await page.StateAsync());
        Assert.Contains(page.RequestUrls, u => u.EndsWith("/summary/resync", StringComparison.Ordinal));
        Assert.Contains("resyncs 1", await page.TextAsync("#counters"), StringComparison.Ordinal);
        Assert.Empty(page.ConsoleMessages);
        Assert.Empty(page.PageErrors);
    }

    [Fact]
    public async Task Dashboard_NotASecureContext_VerifiesWithItsOwnSha256()
    {
        var source = new ScriptedStatusSource(Encoding.UTF8.GetString(Fixtures.ReadStatus(Fixture)));
        await using var server = await TestServer.StartAsync(source: source);
        var insecure = new UriBuilder(server.BaseAddress) { Host = BrowserFixture.InsecureHost }.Uri;
        await using var page = await DashboardPage.OpenAsync(browser, insecure);

        Assert.False(await page.Page.EvaluateAsync<bool>("() => window.isSecureContext"));
        await page.WaitForStateAsync("LIVE");
        await page.WaitForPanelsAsync(await ServerState.PanelsAsync(server));
        Assert.Equal("digest ok (in-page SHA-256)", await page.TextAsync("#verified"));
        Assert.Empty(page.ConsoleMessages);
        Assert.Empty(page.PageErrors);
    }

    [Fact]
    public async Task Dashboard_Layout_OneColumnOnAPhoneAGridOnAWideScreen()
    {
        await using var server = await TestServer.StartAsync(source: new ScriptedStatusSource(Encoding.UTF8.GetString(Fixtures.ReadStatus(Fixture))));
        const string Columns = "() => new Set([...document.querySelectorAll('#panels > section')].map(s => Math.round(s.getBoundingClientRect().left))).size";

        await using (var phone = await DashboardPage.OpenAsync(browser, server.BaseAddress, width: 390, height: 844))
        {
            await phone.WaitForStateAsync("LIVE");
            Assert.Equal(1, await phone.Page.EvaluateAsync<int>(Columns));
        }

        await using var wide = await DashboardPage.OpenAsync(browser, server.BaseAddress, width: 1600, height: 1000);
        await wide.WaitForStateAsync("LIVE");
        Assert.True(await wide.Page.EvaluateAsync<int>(Columns) >= 3);
    }

    private static async Task AssertStreamPathAsync(DashboardPage page, bool direct)
    {
        // The direct transport's body runs until the connection closes; Kestrel's is chunked.
        var response = Assert.Single(page.StreamResponses);
        var headers = await response.AllHeadersAsync();
        Assert.Equal(200, response.Status);
        if (direct)
        {
            Assert.False(headers.ContainsKey("transfer-encoding"), string.Join(" | ", headers.Select(h => $"{h.Key}={h.Value}")));
        }
        else
        {
            Assert.Equal("chunked", headers.GetValueOrDefault("transfer-encoding"));
        }
    }

    private static readonly PanelListComparer PanelsComparer = new();

    private sealed class PanelListComparer : IEqualityComparer<IReadOnlyList<ShownPanel>>
    {
        public bool Equals(IReadOnlyList<ShownPanel>? x, IReadOnlyList<ShownPanel>? y) =>
            x is not null && y is not null && x.Count == y.Count
            && x.Zip(y).All(p => p.First.Key == p.Second.Key && p.First.Title == p.Second.Title && p.First.Lines.SequenceEqual(p.Second.Lines));

        public int GetHashCode(IReadOnlyList<ShownPanel> obj) => obj.Count;
    }
}
