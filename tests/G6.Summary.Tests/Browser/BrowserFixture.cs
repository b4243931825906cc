using Microsoft.Playwright;

namespace G6.Summary.Tests.Browser;

/// <summary>
/// One headless Chromium for every browser test (starting one costs about a second; a context per test
/// keeps the tests apart: cookies, cache, storage). The browser is Debian's <c>chromium</c>, never a download:
/// Playwright drives whatever executable it is given. A missing browser fails the tests with a message that
/// says how to install it; they are never skipped.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Overrides where the browser is looked for.</summary>
    public const string ExecutableVariable = "G6_CHROMIUM";

    public const string DefaultExecutable = "/usr/bin/chromium";

    /// <summary>
    /// A name that resolves to loopback in this browser only. Pages opened through it are not a secure context
    /// (only localhost, loopback addresses and HTTPS are), so Web Crypto is absent there, as on a plain-HTTP LAN host.
    /// </summary>
    public const string InsecureHost = "dashboard.test";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("the browser did not start");

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } set ? set : DefaultExecutable;
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Chromium not found at {executable}: the browser dashboard tests need Debian's chromium " +
                $"(apt-get install chromium; .ci/run does this), or set {ExecutableVariable} to a Chromium executable.");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,

            // Containers and CI give /dev/shm a few MB; Chromium's renderers then crash without this.
            Args = ["--disable-dev-shm-usage", $"--host-resolver-rules=MAP {InsecureHost} 127.0.0.1"],
            Timeout = 60_000,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
