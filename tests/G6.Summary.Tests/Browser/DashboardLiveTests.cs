using System.Globalization;
using System.Text;
using G6.Summary.Publishing;
using G6.Summary.Tests.Integration;
using G6.Summary.Tests.TestSupport;

namespace G6.Summary.Tests.Browser;

/// <summary>The dashboard in a real headless Chromium against the real server: what an operator sees.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardLiveTests(BrowserFixture browser)
{
    private const string Fixture = "runtime_status.json";

    [Fact]
    public async Task Dashboard_RealFixture_ShowsEveryPanelAndGoesLive()
    {
        var source = new ScriptedStatusSource(Encoding.UTF8.GetString(Fixtures.ReadStatus(Fixture)));
        await using var server = await TestServer.StartAsync(source: source);
        await using var page = await DashboardPage.OpenAsync(browser, server.BaseAddress);

        await page.WaitForStateAsync("LIVE");
        var expected = await ServerState.PanelsAsync(server);
        Assert.Equal(10, expected.Count);
        await page.WaitForPanelsAsync(expected);

        Assert.Equal(server.Log.Epoch, await page.TextAsync("#epoch"));
        Assert.Equal(EventEncoder.ServerVersion, await page.TextAsync("#server"));
        Assert.Equal(server.Log.Current.Cycle.ToString(CultureInfo.InvariantCulture), await page.TextAsync("#cycle"));
        Assert.StartsWith("digest ok (Web Crypto)", await page.TextAsync("#verified"), StringComparison.Ordinal);
        Assert.Empty(page.ConsoleMessages);
        Assert.Empty(page.PageErrors);
    }
}
