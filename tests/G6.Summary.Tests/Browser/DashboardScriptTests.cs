using System.Text;
using System.Text.Json;
using G6.Summary.Cli.Dashboard;
using G6.Summary.Tests.Integration;
using G6.Summary.Tests.TestSupport;
using Microsoft.Playwright;

namespace G6.Summary.Tests.Browser;

/// <summary>
/// The page's own modules, run in the browser against their C# counterparts: its SHA-256 against Web Crypto,
/// its panel tones against the terminal's <see cref="PanelTones"/>, and its colours against WCAG AA.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardScriptTests(BrowserFixture browser)
{
    [Fact]
    public async Task Sha256_InPage_EqualsWebCryptoAndKnownVectors()
    {
        await using var server = await TestServer.StartAsync(source: new ScriptedStatusSource(ScriptedStatusSource.Status()));
        await using var page = await DashboardPage.OpenAsync(browser, server.BaseAddress);

        // Every length around the padding boundaries (55/56 and 63/64 bytes), multi-byte UTF-8, and long inputs.
        var mismatches = await page.Page.EvaluateAsync<string[]>("""
            async () => {
              const { sha256Bytes } = await import('/dashboard/sha256.js');
              const hex = b => Array.from(b, x => x.toString(16).padStart(2, '0')).join('');
              const inputs = [];
              for (let n = 0; n <= 200; n++) inputs.push('a'.repeat(n));
              inputs.push('€—ü 日本 🚀'.repeat(37), 'x'.repeat(100000));
              let seed = 7;
              for (let i = 0; i < 50; i++) {
                const bytes = new Uint8Array(i * 13);
                for (let j = 0; j < bytes.length; j++) { seed = (seed * 1103515245 + 12345) >>> 0; bytes[j] = seed >>> 24; }
                inputs.push(bytes);
              }
              const bad = [];
              for (const input of inputs) {
                const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
                const expected = hex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
                if (hex(sha256Bytes(bytes)) !== expected) bad.push(`${bytes.length} bytes`);
              }
              return bad;
            }
            """);
        Assert.Empty(mismatches);

        // FIPS 180-4 examples, independent of both implementations.
        var vectors = await page.Page.EvaluateAsync<string[]>("""
            async () => {
              const { sha256Bytes } = await import('/dashboard/sha256.js');
              const hex = b => Array.from(b, x => x.toString(16).padStart(2, '0')).join('');
              return ['', 'abc', 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq']
                .map(s => hex(sha256Bytes(new TextEncoder().encode(s))));
            }
            """);
        Assert.Equal(
            [
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
            ],
            vectors);
    }

    [Fact]
    public async Task Tones_EveryFixtureLine_SameAsTheTerminal()
    {
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status());
        await using var server = await TestServer.StartAsync(source: source);
        await using var page = await DashboardPage.OpenAsync(browser, server.BaseAddress);

        var lines = new List<(string Key, string Line)>();
        foreach (var fixture in Fixtures.StatusFileNames)
        {
            source.Set(Encoding.UTF8.GetString(Fixtures.ReadStatus(fixture)));
            await server.CycleAsync();
            foreach (var panel in await ServerState.PanelsAsync(server))
            {
                lines.AddRange(panel.Lines.Select(l => (panel.Key, l)));
            }
        }

        // Edges of every rule, beyond what the fixtures happen to hold.
        lines.AddRange(
        [
            ("loop", "Success rate: 79.9%"), ("loop", "Success rate: 80%"), ("loop", "Success rate: 94.99%"), ("loop", "Success rate: 95%"),
            ("loop", "Success rate: —"), ("performance", "API success rate: 50.0%"), ("resources", "CPU: 74.9%"), ("resources", "CPU: 75%"),
            ("resources", "CPU: 90.0%"), ("resources", "CPU: 1,200%"), ("resources", "CPU: abc"),
            ("indices", "NIFTY      19,980.40  +0.10% ok            3s   100,542  79.99      0"),
            ("indices", "NIFTY      19,980.40  +0.10% closed        3s   100,542  89.99      0"),
            ("indices", "NIFTY      19,980.40  +0.10% failed     5m 03s  100,542  95.00      0"),
            ("indices", "NIFTY      19,980.40  +0.10% delayed       3s   100,542      —      0"),
            ("alerts", "2025-10-17 16:32:57Z CRITICAL NIFTY: feed down"), ("alerts", "2025-10-17 16:32:57Z WARN x"),
            ("alerts", "— ERROR no time"), ("alerts", "— INFO fine"), ("alerts", "Total: 3"),
            ("health", "Readiness: not ready (warming up)"), ("health", "Auth: invalid (expired)"), ("health", "collector: down (checked 16:32:57Z)"),
            ("health", "sinks: degraded"), ("health", "provider: ok"), ("header", "Market: CLOSED"), ("header", "Market: OPEN (F&O)"),
            ("links", "panel unavailable: build failed"),
        ]);

        var json = JsonSerializer.Serialize(lines.Select(l => new[] { l.Key, l.Line }));
        var tones = await page.Page.EvaluateAsync<string[]>("""
            async (json) => {
              const { classify } = await import('/dashboard/tones.js');
              return JSON.parse(json).map(([key, line]) => classify(key, line));
            }
            """, json);

        var expected = lines.Select(l => PanelTones.Classify(l.Key, l.Line).ToString().ToLowerInvariant()).ToArray();
        var differences = lines.Select((l, i) => (l, js: tones[i], cs: expected[i])).Where(x => x.js != x.cs)
            .Select(x => $"{x.l.Key} \"{x.l.Line}\": page {x.js}, terminal {x.cs}").ToList();
        Assert.True(differences.Count == 0, string.Join("\n", differences));
        Assert.Contains("bad", tones);
        Assert.Contains("warning", tones);
        Assert.Contains("info", tones);
    }

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Colours_EveryToneOnItsBackground_PassWcagAa(ColorScheme scheme)
    {
        // A status with every tone: a critical and a warning alert, a failing and a closed index, a closed market.
        var status = """
            {"app":{"name":"G6"},"market":{"status":"CLOSED"},
             "loop":{"cycle":7,"success_rate":85.0},
             "indices":{"NIFTY":{"ltp":19980.4,"change":0.1},"BANKNIFTY":{"ltp":44000,"change":0.2}},
             "indices_detail":{"NIFTY":{"status":"closed","ltp":19980.4,"age_sec":3,"legs":100,"dq":{"score_percent":95,"issues_total":0}},
                               "BANKNIFTY":{"status":"failed","ltp":44000,"age_sec":3,"legs":100,"dq":{"score_percent":70,"issues_total":4}}},
             "resources":{"cpu":95.5,"rss":104857600},
             "alerts":[{"time":"2025-10-17T16:32:57Z","severity":"critical","index":"NIFTY","message":"feed down"},
                       {"time":"2025-10-17T16:31:57Z","severity":"warning","message":"slow"}]}
            """;
        await using var server = await TestServer.StartAsync(source: new ScriptedStatusSource(status));
        await using var page = await DashboardPage.OpenAsync(browser, server.BaseAddress, scheme);
        await page.WaitForStateAsync("LIVE");
        await page.WaitForAsync("() => document.querySelectorAll('#chart text').length > 0", "the chart's labels");

        var results = await page.Page.EvaluateAsync<string[]>("""
            () => {
              const parse = c => { const m = c.match(/[\d.]+/g).map(Number); return { r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1 }; };
              const channel = v => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
              const luminance = c => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
              const background = el => {
                for (let e = el; e; e = e.parentElement) {
                  const c = parse(getComputedStyle(e).backgroundColor);
                  if (c.a > 0) return c;
                }
                return parse(getComputedStyle(document.documentElement).backgroundColor);
              };
              const out = [];
              const check = (el, what) => {
                if (!el.textContent.trim() || el.closest('[hidden]') || el.classList.contains('visually-hidden')) return;
                const style = getComputedStyle(el);
                const fg = parse(el instanceof SVGElement ? style.fill : style.color);
                const [a, b] = [luminance(fg), luminance(background(el))].sort((x, y) => y - x);
                out.push(`${what} ${((a + 0.05) / (b + 0.05)).toFixed(2)} ${el.dataset.tone ?? ''}`);
              };
              document.querySelectorAll('[data-tone], .panel-title, .badge, .facts dt, .facts dd, .legend, .counters, .chart-text, h1, h2')
                .forEach(el => check(el, el.tagName.toLowerCase()));
              document.querySelectorAll('#chart text').forEach(el => check(el, 'chart-label'));
              return out;
            }
            """);

        var tones = results.Select(r => r.Split(' ')).ToList();
        Assert.All(tones, r => Assert.True(double.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture) >= 4.5, $"{scheme}: {string.Join(' ', r)} is below 4.5:1"));
        foreach (var tone in new[] { "good", "info", "warning", "bad" })
        {
            Assert.True(tones.Any(r => r.Length > 2 && r[2] == tone), $"{scheme}: no {tone} text was measured");
        }

        // The secondary (muted) colour, measured on the legend and the chart's labels.
        Assert.Contains(tones, r => r[0] == "chart-label");
    }
}
