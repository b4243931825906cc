using G6.Summary.Configuration;
using G6.Summary.Security;
using G6.Summary.Tests.Integration;
using Microsoft.Playwright;

namespace G6.Summary.Tests.Browser;

/// <summary>
/// A token-protected server: the page asks for the token once, exchanges it for an HttpOnly session cookie,
/// and follows the stream with that cookie, on the direct transport and through Kestrel alike.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardSignInTests(BrowserFixture browser)
{
    private const string Token = "reader-2f7c9a41d0b3e6";
    private const string WrongToken = "reader-0000000000bad";

    // Chromium reports every refused request in the console; these refusals are the point of the test.
    private const string RefusedInConsole = "Failed to load resource: the server responded with a status of 401 (Unauthorized)";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Dashboard_TokenRequired_SignInRefusesWrongTokenAcceptsRightOne(bool directStreams)
    {
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status());
        await using var server = await TestServer.StartAsync(new SummaryOptions { Security = new() { ApiTokens = [Token] }, Transport = new() { DirectStreams = directStreams } }, source);
        await using var page = await DashboardPage.OpenAsync(browser, server.BaseAddress);

        // Asked at once, with the focus in the token field: no stream was tried without a session.
        await page.WaitForStateAsync("UNAUTHORIZED");
        Assert.True(await page.Page.Locator("#signin").IsVisibleAsync());
        Assert.Equal("token", await page.Page.EvaluateAsync<string>("() => document.activeElement.id"));
        Assert.Empty(await page.PanelsAsync());

        // Typed and sent from the keyboard.
        await page.Page.Keyboard.TypeAsync(WrongToken);
        await page.Page.Keyboard.PressAsync("Enter");
        await page.WaitForAsync("() => !document.getElementById('signin-error').hidden", "the sign-in error");
        Assert.Equal("That token was not accepted. Check it and try again.", await page.TextAsync("#signin-error"));
        Assert.Equal("UNAUTHORIZED", await page.StateAsync());
        Assert.Contains("g6_sse_http_auth_fail_total{endpoint=\"session\"} 1", await server.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains(server.Logs.Lines, l => l.Contains("audit: refused unauthorized", StringComparison.Ordinal));
        Assert.Empty(await page.Page.Context.CookiesAsync());

        await page.Page.FillAsync("#token", Token);
        await page.Page.Keyboard.PressAsync("Enter");
        await page.WaitForStateAsync("LIVE");
        await page.WaitForPanelsAsync(await ServerState.PanelsAsync(server, Token));
        Assert.True(await page.Page.Locator("#signout").IsVisibleAsync());
        Assert.Equal(string.Empty, await page.Page.InputValueAsync("#token"));

        // A status change arrives over the cookie-admitted stream.
        source.Set(ScriptedStatusSource.Status(cpu: 41.5));
        await server.CycleAsync();
        await page.WaitForPanelsAsync(await ServerState.PanelsAsync(server, Token));

        var cookie = Assert.Single(await page.Page.Context.CookiesAsync());
        Assert.Equal(SessionCookies.CookieName, cookie.Name);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Equal("/summary", cookie.Path);
        Assert.False(cookie.Secure);
        Assert.InRange(cookie.Expires, DateTimeOffset.UtcNow.AddHours(11).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddHours(13).ToUnixTimeSeconds());
        Assert.DoesNotContain(Token, cookie.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("g6_session", await page.Page.EvaluateAsync<string>("() => document.cookie"), StringComparison.Ordinal);

        Assert.DoesNotContain(page.RequestUrls, u => u.Contains(Token, StringComparison.Ordinal) || u.Contains(WrongToken, StringComparison.Ordinal));
        var stream = page.StreamResponses[^1];
        Assert.Equal(200, stream.Status);
        Assert.Equal(directStreams, !(await stream.AllHeadersAsync()).ContainsKey("transfer-encoding"));
        Assert.All(page.ConsoleMessages, m => Assert.Equal($"error: {RefusedInConsole}", m));
        Assert.Empty(page.PageErrors);
    }

    [Fact]
    public async Task Dashboard_SignOut_FromTheKeyboard_ClearsPanelsAndCookie()
    {
        await using var server = await TestServer.StartAsync(new SummaryOptions { Security = new() { ApiTokens = [Token] } }, new ScriptedStatusSource(ScriptedStatusSource.Status()));
        await using var page = await DashboardPage.OpenAsync(browser, server.BaseAddress);
        await page.WaitForStateAsync("UNAUTHORIZED");
        await page.Page.FillAsync("#token", Token);
        await page.Page.Keyboard.PressAsync("Enter");
        await page.WaitForStateAsync("LIVE");

        // Reload: the page knows from GET /summary/session that it is signed in, and says until when.
        await page.Page.ReloadAsync();
        await page.WaitForStateAsync("LIVE");
        Assert.StartsWith("until ", await page.TextAsync("#session"), StringComparison.Ordinal);

        // Tab to the button (it is a plain button, reachable like any control) and press it.
        var reached = false;
        for (var i = 0; i < 10 && !reached; i++)
        {
            await page.Page.Keyboard.PressAsync("Tab");
            reached = await page.Page.EvaluateAsync<string>("() => document.activeElement.id") == "signout";
        }

        Assert.True(reached, "the sign-out button is not reachable with Tab");
        await page.Page.Keyboard.PressAsync("Enter");
        await page.WaitForStateAsync("UNAUTHORIZED");
        Assert.True(await page.Page.Locator("#signin").IsVisibleAsync());
        Assert.Empty(await page.PanelsAsync());
        Assert.Empty(await page.Page.Context.CookiesAsync());
        Assert.Empty(page.ConsoleMessages);
        Assert.Empty(page.PageErrors);
    }

    [Fact]
    public async Task Dashboard_TokenRemovedFromConfiguration_SessionEndsAndSignInIsShown()
    {
        const string Replacement = "reader-9d8c7b6a5f4e3d";
        var options = new SummaryOptions { Security = new() { ApiTokens = [Token, Replacement] }, Streaming = new() { RetryMs = 200 } };
        var first = await TestServer.StartAsync(options, new ScriptedStatusSource(ScriptedStatusSource.Status()));
        var port = first.BaseAddress.Port;
        DashboardPage? page = null;
        TestServer? second = null;
        try
        {
            page = await DashboardPage.OpenAsync(browser, first.BaseAddress);
            await page.WaitForStateAsync("UNAUTHORIZED");
            await page.Page.FillAsync("#token", Token);
            await page.Page.Keyboard.PressAsync("Enter");
            await page.WaitForStateAsync("LIVE");

            // Rotation: the old token is removed and the service restarted; the session made with it is worthless.
            await first.StopAsync();
            second = await TestServer.StartAsync(options with { Security = options.Security with { ApiTokens = [Replacement] } }, new ScriptedStatusSource(ScriptedStatusSource.Status()), port: port);
            await page.WaitForStateAsync("UNAUTHORIZED");
            Assert.True(await page.Page.Locator("#signin").IsVisibleAsync());
            Assert.Contains("401", await page.TextAsync("#notice"), StringComparison.Ordinal);

            await page.Page.FillAsync("#token", Replacement);
            await page.Page.Keyboard.PressAsync("Enter");
            await page.WaitForStateAsync("LIVE");
            Assert.Equal(second.Log.Current.Epoch, await page.TextAsync("#epoch"));
            Assert.All(page.ConsoleMessagesBesidesServerAway, m => Assert.Equal($"error: {RefusedInConsole}", m));
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
}
