using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;

namespace G6.Summary.Tests.Browser;

/// <summary>
/// One dashboard tab in its own browser context (own cookies and cache), with everything the tests check
/// recorded as it happens: console errors, uncaught exceptions, every request URL, the event-stream responses.
/// Waiting is always on a condition in the page, with a bound, never a sleep.
/// </summary>
internal sealed class DashboardPage : IAsyncDisposable
{
    /// <summary>Bound for each wait: generous for a loaded 2-core CI machine, still a clear failure.</summary>
    public const float TimeoutMs = 20_000;

    // Reads what the page shows: every panel in screen order, its title and the text of its lines.
    private const string ReadPanelsScript = """
        () => [...document.querySelectorAll('#panels > section.panel')].map(s => ({
          key: s.dataset.key,
          title: s.querySelector('.panel-title').textContent,
          lines: [...s.querySelectorAll('li > .text')].map(l => l.textContent),
        }))
        """;

    private readonly ConcurrentQueue<string> _console = new();
    private readonly ConcurrentQueue<string> _pageErrors = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<IResponse> _streamResponses = new();

    private DashboardPage(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                _console.Enqueue($"{message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => _pageErrors.Enqueue(error);
        page.Request += (_, request) => _requests.Enqueue(request.Url);
        page.Response += (_, response) =>
        {
            if (response.Url.Contains("/summary/events", StringComparison.Ordinal))
            {
                _streamResponses.Enqueue(response);
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Console errors and warnings, as "type: text".</summary>
    public IReadOnlyList<string> ConsoleMessages => [.. _console];

    /// <summary>Uncaught exceptions in the page.</summary>
    public IReadOnlyList<string> PageErrors => [.. _pageErrors];

    /// <summary>Every URL the page requested, in order.</summary>
    public IReadOnlyList<string> RequestUrls => [.. _requests];

    public IReadOnlyList<IResponse> StreamResponses => [.. _streamResponses];

    /// <summary>
    /// Console lines other than Chromium's own reports of requests that failed because the server was away or
    /// stopping (refused connections, a 503 during shutdown, EventSource giving up on a non-stream answer).
    /// Tests in which the server goes away require this to be empty; all others require no console line at all.
    /// </summary>
    public IReadOnlyList<string> ConsoleMessagesBesidesServerAway =>
    [
        .. _console.Where(m => !(m.Contains("ERR_CONNECTION_REFUSED", StringComparison.Ordinal)
            || m.Contains("ERR_CONNECTION_RESET", StringComparison.Ordinal)
            || m.Contains("ERR_EMPTY_RESPONSE", StringComparison.Ordinal)
            || m.Contains("status of 503", StringComparison.Ordinal)
            || m.Contains("EventSource's response has a MIME type", StringComparison.Ordinal))),
    ];

    public static async Task<DashboardPage> OpenAsync(BrowserFixture browser, Uri baseAddress, ColorScheme scheme = ColorScheme.Light, int width = 1400, int height = 1000, string path = "/")
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ColorScheme = scheme,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(TimeoutMs);
        var page = await context.NewPageAsync();
        var dashboard = new DashboardPage(context, page);
        await page.GotoAsync(path);
        return dashboard;
    }

    /// <summary>Waits until the header shows this state word (LIVE, RECONNECTING, …).</summary>
    public async Task WaitForStateAsync(string word)
    {
        try
        {
            await Page.WaitForFunctionAsync("w => document.getElementById('state-word').textContent === w", word);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the page did not show {word}; it shows {await StateAsync()} ({await TextAsync("#notice")})");
        }
    }

    public Task<string> StateAsync() => TextAsync("#state-word");

    public async Task<string> TextAsync(string selector) => await Page.Locator(selector).First.TextContentAsync() ?? string.Empty;

    /// <summary>The panels as shown: key, title, line texts, in screen order.</summary>
    public async Task<IReadOnlyList<ShownPanel>> PanelsAsync() =>
        JsonSerializer.Deserialize<ShownPanel[]>(await Page.EvaluateAsync<string>($"() => JSON.stringify(({ReadPanelsScript})())"), BrowserJson.Options)!;

    /// <summary>Waits until the page shows exactly these panels (keys in this order, titles and lines).</summary>
    public async Task WaitForPanelsAsync(IReadOnlyList<ShownPanel> expected)
    {
        var json = JsonSerializer.Serialize(expected, BrowserJson.Options);
        try
        {
            await Page.WaitForFunctionAsync($"expected => JSON.stringify(({ReadPanelsScript})()) === JSON.stringify(JSON.parse(expected))", json);
        }
        catch (TimeoutException)
        {
            var shown = JsonSerializer.Serialize(await PanelsAsync(), BrowserJson.Options);
            throw new TimeoutException($"the page did not show the expected panels.\nexpected {json}\nshown    {shown}");
        }
    }

    /// <summary>Waits until the JavaScript condition holds.</summary>
    public async Task WaitForAsync(string condition, string what, float timeoutMs = TimeoutMs)
    {
        try
        {
            await Page.WaitForFunctionAsync(condition, null, new PageWaitForFunctionOptions { Timeout = timeoutMs });
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"timed out waiting for {what}; the page shows {await StateAsync()} ({await TextAsync("#notice")})");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
    }
}
