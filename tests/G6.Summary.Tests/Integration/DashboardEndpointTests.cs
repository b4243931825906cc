using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using G6.Summary.Browser;
using G6.Summary.Configuration;

namespace G6.Summary.Tests.Integration;

/// <summary><c>GET /</c> and <c>/dashboard/…</c>: the embedded page, its headers, caching and weight.</summary>
public sealed partial class DashboardEndpointTests
{
    // The brief's budget for the whole page, uncompressed.
    private const int MaxTotalBytes = 100 * 1024;

    private static Task<TestServer> StartAsync(SummaryOptions? options = null) =>
        TestServer.StartAsync(options, new ScriptedStatusSource(ScriptedStatusSource.Status()));

    [Fact]
    public async Task Index_Served_WithStrictPolicyNosniffAndEntityTag()
    {
        await using var server = await StartAsync();
        using var response = await server.Client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-cache", response.Headers.CacheControl!.ToString());
        Assert.Matches("^\"[0-9a-f]{32}\"$", response.Headers.ETag!.Tag);
        Assert.True(response.Headers.ConnectionClose);
        Assert.Contains("<html lang=\"en\">", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryFile_SameEntityTag_304WithoutBody_ChangedTag_200()
    {
        await using var server = await StartAsync();
        var assets = server.Service<DashboardAssets>();
        foreach (var asset in assets.All)
        {
            using var first = await server.Client.GetAsync(new Uri(asset.Path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal(asset.ContentType, first.Content.Headers.ContentType!.ToString());
            Assert.Equal("nosniff", Assert.Single(first.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal(asset.Content.ToArray(), await first.Content.ReadAsByteArrayAsync());

            using var again = new HttpRequestMessage(HttpMethod.Get, new Uri(asset.Path, UriKind.Relative));
            again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
            using var notModified = await server.Client.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
            Assert.Equal(first.Headers.ETag, notModified.Headers.ETag);

            using var stale = new HttpRequestMessage(HttpMethod.Get, new Uri(asset.Path, UriKind.Relative));
            stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"0123\""));
            using var changed = await server.Client.SendAsync(stale);
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        }
    }

    [Fact]
    public async Task Page_WholeWeightUnderBudget_NoInlineCodeNoExternalAddress()
    {
        await using var server = await StartAsync();
        var assets = server.Service<DashboardAssets>();
        Assert.True(assets.TotalBytes < MaxTotalBytes, $"the page weighs {assets.TotalBytes} bytes");

        var html = Encoding.UTF8.GetString(assets.Index.Content.Span);
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(StyleAttribute(), html);
        Assert.DoesNotMatch(EventHandlerAttribute(), html);
        foreach (var asset in assets.All.Where(a => !a.ContentType.StartsWith("image/", StringComparison.Ordinal)))
        {
            // The SVG namespace is a name, not an address the page loads.
            var text = Encoding.UTF8.GetString(asset.Content.Span).Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal);
            Assert.DoesNotMatch(ExternalAddress(), text);
            Assert.DoesNotContain("@import", text, StringComparison.Ordinal);
        }

        // Everything the page refers to is served.
        foreach (Match reference in AssetReference().Matches(html))
        {
            Assert.True(assets.TryGet("/" + reference.Groups[1].Value, out _), reference.Value);
        }
    }

    [Fact]
    public async Task UnknownFile_404_HeadWithoutBody()
    {
        await using var server = await StartAsync();
        using var missing = await server.Client.GetAsync(new Uri("/dashboard/nope.js", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var nested = await server.Client.GetAsync(new Uri("/dashboard/app.js/x", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, nested.StatusCode);

        using var head = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri("/dashboard/app.js", UriKind.Relative)));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task DashboardOff_404Everywhere_StreamUnaffected()
    {
        await using var server = await StartAsync(new SummaryOptions { Dashboard = new() { Enabled = false } });
        foreach (var path in new[] { "/", "/dashboard/app.js", "/dashboard/index.html" })
        {
            using var response = await server.Client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using var resync = await server.Client.GetAsync(new Uri("/summary/resync", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, resync.StatusCode);
    }

    [GeneratedRegex("<script(?![^>]*\\ssrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("\\sstyle\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex StyleAttribute();

    [GeneratedRegex("\\son[a-z]+\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();

    [GeneratedRegex("(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalAddress();

    [GeneratedRegex("(?:href|src)=\"(dashboard/[^\"]+)\"")]
    private static partial Regex AssetReference();
}
