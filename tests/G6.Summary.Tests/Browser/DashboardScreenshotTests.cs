using G6.Summary.Configuration;
using G6.Summary.Tests.Integration;
using Microsoft.Playwright;

namespace G6.Summary.Tests.Browser;

/// <summary>
/// Pictures of the live page for docs/browser_dash.md, taken by the same tool as the other tests: the demo
/// source (moving prices, alerts of every severity) in both themes. Every run writes them next to the test
/// binaries and checks them; with <c>G6_UPDATE_SCREENSHOTS=1</c> they are also copied into docs/images.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardScreenshotTests(BrowserFixture browser)
{
    public const string UpdateVariable = "G6_UPDATE_SCREENSHOTS";

    [Theory]
    [InlineData(ColorScheme.Light, "browser-dash-light.png")]
    [InlineData(ColorScheme.Dark, "browser-dash-dark.png")]
    public async Task Dashboard_DemoSource_ScreenshotOfTheLivePage(ColorScheme scheme, string fileName)
    {
        // A real loop: the demo moves every 200 ms, so the chart has something to show within seconds.
        await using var server = await TestServer.StartAsync(new SummaryOptions { Status = new() { RefreshInterval = TimeSpan.FromMilliseconds(200) } });
        await using var page = await DashboardPage.OpenAsync(browser, server.BaseAddress, scheme, width: 1440, height: 1100);
        await page.WaitForStateAsync("LIVE");
        // For the docs, half a minute of history (bars are 10 s steps); for a check of the picture, one bar is enough.
        var update = Environment.GetEnvironmentVariable(UpdateVariable) == "1";
        var bars = update ? 4 : 1;
        await page.WaitForAsync($"() => document.querySelectorAll('#chart rect.bar').length >= {bars}", $"{bars} bars in the health chart", timeoutMs: update ? 60_000 : DashboardPage.TimeoutMs);

        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", fileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var png = await page.Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });

        Assert.True(png.Length > 20_000, $"a screenshot of {png.Length} bytes cannot show the page");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Empty(page.ConsoleMessages);
        Assert.Empty(page.PageErrors);

        if (update)
        {
            var docs = Path.Combine(RepositoryRoot(), "docs", "images");
            Directory.CreateDirectory(docs);
            File.Copy(path, Path.Combine(docs, fileName), overwrite: true);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "G6.Summary.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("G6.Summary.slnx not found above the test binaries");
    }
}
