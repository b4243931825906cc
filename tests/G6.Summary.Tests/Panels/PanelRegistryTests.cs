using System.Collections.Immutable;
using G6.Summary.Panels;
using G6.Summary.Snapshot;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace G6.Summary.Tests.Panels;

public sealed class PanelRegistryTests
{
    [Fact]
    public void BuildAll_ProviderThrows_GivesErrorPanelAndBuildsTheOthers()
    {
        var logger = new CapturingLogger<PanelRegistry>();
        var providers = PanelRegistry.CreateDefaultProviders()
            .Select(p => p.Key == PanelKeys.Indices ? new ThrowingProvider(PanelKeys.Indices) : p);
        var registry = new PanelRegistry(providers, logger);

        var result = registry.BuildAll(StatusSnapshot.Empty);

        Assert.Equal(PanelKeys.DisplayOrder, result.Panels.Select(p => p.Key));
        Assert.Equal([PanelKeys.Indices], result.FailedKeys);
        var failed = PanelAssertions.Panel(result, PanelKeys.Indices);
        Assert.Equal("Indices", failed.Title);
        Assert.Equal([PanelRegistry.FailedLine], failed.Lines.ToArray());
        Assert.Equal(["PCR: —", "Max pain: —"], PanelAssertions.Lines(result, PanelKeys.Analytics));
        var warning = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("indices", warning.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(InvalidOperationException), warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ThrowingProvider.SecretText, warning.Message, StringComparison.Ordinal);
        Assert.Null(warning.Exception);
    }

    [Fact]
    public void BuildAll_ProviderKeepsFailing_LogsOncePerStreak()
    {
        var logger = new CapturingLogger<PanelRegistry>();
        var flaky = new FlakyProvider();
        var registry = new PanelRegistry([flaky], logger);

        flaky.Fail = true;
        registry.BuildAll(StatusSnapshot.Empty);
        registry.BuildAll(StatusSnapshot.Empty);
        registry.BuildAll(StatusSnapshot.Empty);
        flaky.Fail = false;
        var recovered = registry.BuildAll(StatusSnapshot.Empty);
        flaky.Fail = true;
        var again = registry.BuildAll(StatusSnapshot.Empty);

        Assert.Empty(recovered.FailedKeys);
        Assert.Equal(["flaky"], again.FailedKeys);
        Assert.Equal("Flaky title", again.Panels[0].Title);
        Assert.Equal(
            [LogLevel.Warning, LogLevel.Information, LogLevel.Warning],
            logger.Entries.Select(e => e.Level));
    }

    [Fact]
    public void BuildAll_ProviderReturnsNull_TreatedAsFailure()
    {
        var registry = new PanelRegistry([new NullProvider()], new CapturingLogger<PanelRegistry>());

        var result = registry.BuildAll(StatusSnapshot.Empty);

        Assert.Equal(["null_panel"], result.FailedKeys);
        Assert.Equal("Null panel", result.Panels[0].Title);
    }

    [Fact]
    public void BuildAll_AnyRegistrationOrder_UsesDisplayOrderThenUnknownKeys()
    {
        var providers = PanelRegistry.CreateDefaultProviders().Reverse().Prepend(new FixedProvider("zz_custom", "T", [])).ToList();
        var registry = new PanelRegistry(providers, new CapturingLogger<PanelRegistry>());

        var keys = registry.BuildAll(StatusSnapshot.Empty).Panels.Select(p => p.Key);

        Assert.Equal([.. PanelKeys.DisplayOrder, "zz_custom"], keys);
        Assert.Equal([.. PanelKeys.DisplayOrder, "zz_custom"], registry.Keys.ToArray());
    }

    [Theory]
    [InlineData("Indices")]
    [InlineData("bad-key")]
    [InlineData("")]
    [InlineData("key1")]
    public void Constructor_InvalidKey_Throws(string key)
    {
        Assert.Throws<ArgumentException>(() => new PanelRegistry([new FixedProvider(key, "T", [])], new CapturingLogger<PanelRegistry>()));
    }

    [Fact]
    public void Constructor_DuplicateKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => new PanelRegistry(
            [new FixedProvider("a", "T", []), new FixedProvider("a", "U", [])], new CapturingLogger<PanelRegistry>()));
    }

    [Fact]
    public void BuildAll_ControlCharacters_BecomeSpaces()
    {
        var result = Build("Ti\r\ntle", ["a\rb\nc\td", "nul\0esc\u001b[0m", "del\u007f c1\u0085 ls\u2028ps\u2029 bidi\u202e"]);

        Assert.Equal("Ti  tle", result.Title);
        Assert.Equal(["a b c d", "nul esc [0m", "del  c1  ls ps  bidi "], result.Lines.ToArray());
    }

    [Fact]
    public void BuildAll_LoneSurrogates_BecomeReplacementChar()
    {
        var result = Build("T", ["high \ud800 low \udc00 end\ud800", "pair \ud83d\ude00 ok"]);

        Assert.Equal(["high \uFFFD low \uFFFD end\uFFFD", "pair \ud83d\ude00 ok"], result.Lines.ToArray());
    }

    [Fact]
    public void BuildAll_LongLine_IsCutWithEllipsis()
    {
        var result = Build("T", [new string('a', 159), new string('b', 160), new string('c', 161), new string('d', 100_000)]);

        Assert.Equal(new string('a', 159), result.Lines[0]);
        Assert.Equal(new string('b', 160), result.Lines[1]);
        Assert.Equal(new string('c', 159) + "…", result.Lines[2]);
        Assert.Equal(160, result.Lines[3].Length);
        Assert.EndsWith("…", result.Lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public void BuildAll_CutAtSurrogatePair_DoesNotSplitIt()
    {
        var line = new string('a', 158) + "\ud83d\ude00\ud83d\ude00";

        var result = Build("T", [line]);

        Assert.Equal(new string('a', 158) + "…", result.Lines[0]);
    }

    [Fact]
    public void BuildAll_TooManyLines_KeepsFortyAndSaysHowManyMore()
    {
        var result = Build("T", [.. Enumerable.Range(1, 100).Select(i => $"line {i}")]);

        Assert.Equal(40, result.Lines.Length);
        Assert.Equal("line 39", result.Lines[38]);
        Assert.Equal("… 61 more", result.Lines[39]);
    }

    [Fact]
    public void BuildAll_ExactlyFortyLines_KeepsThemAll()
    {
        var result = Build("T", [.. Enumerable.Range(1, 40).Select(i => $"line {i}")]);

        Assert.Equal("line 40", result.Lines[39]);
    }

    [Fact]
    public void BuildAll_DefaultLinesOrWrongKey_AreNormalised()
    {
        var registry = new PanelRegistry([new FixedProvider("mine", "", default, contentKey: "other")], new CapturingLogger<PanelRegistry>());

        var panel = Assert.Single(registry.BuildAll(StatusSnapshot.Empty).Panels);

        Assert.Equal("mine", panel.Key);
        Assert.Equal("Mine", panel.Title);
        Assert.Empty(panel.Lines);
        Assert.False(panel.Lines.IsDefault);
    }

    [Fact]
    public void CreateDefault_BuildsTenPanelsFromEmptySnapshot()
    {
        var result = PanelRegistry.CreateDefault().BuildAll(StatusSnapshot.Empty);

        PanelAssertions.AssertClean(result);
        Assert.All(result.Panels, p => Assert.NotEmpty(p.Lines));
        Assert.Equal(["no indices"], PanelAssertions.Lines(result, PanelKeys.Indices));
        Assert.Equal(["no alerts"], PanelAssertions.Lines(result, PanelKeys.Alerts));
        Assert.Equal(["CPU: —", "Memory: —"], PanelAssertions.Lines(result, PanelKeys.Resources));
    }

    [Fact]
    public void AddSummaryPanels_ResolvesRegistryWithAllProviders()
    {
        var services = new ServiceCollection();
        services.AddSummaryPanels();
        services.AddSummaryPanels();
        using var provider = services.BuildServiceProvider();

        var registry = provider.GetRequiredService<PanelRegistry>();

        Assert.Equal(PanelKeys.DisplayOrder, registry.Keys.ToArray());
        Assert.Same(registry, provider.GetRequiredService<PanelRegistry>());
        Assert.Equal(10, provider.GetServices<IPanelProvider>().Count());
    }

    [Fact]
    public void AddSummaryPanels_ExtraProvider_IsShownAfterBuiltIns()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IPanelProvider>(new FixedProvider("extra", "Extra", ["x"]));
        services.AddSummaryPanels();
        using var provider = services.BuildServiceProvider();

        Assert.Equal([.. PanelKeys.DisplayOrder, "extra"], provider.GetRequiredService<PanelRegistry>().Keys.ToArray());
    }

    private static PanelContent Build(string title, ImmutableArray<string> lines)
    {
        var registry = new PanelRegistry([new FixedProvider("test", title, lines)], new CapturingLogger<PanelRegistry>());
        return Assert.Single(registry.BuildAll(StatusSnapshot.Empty).Panels);
    }

    private sealed class FixedProvider(string key, string title, ImmutableArray<string> lines, string? contentKey = null) : IPanelProvider
    {
        public string Key => key;

        public PanelContent Build(StatusSnapshot snapshot) => new(contentKey ?? key, title, lines);
    }

    private sealed class ThrowingProvider(string key) : IPanelProvider
    {
        public const string SecretText = "secret-from-status";

        public string Key => key;

        public PanelContent Build(StatusSnapshot snapshot) => throw new InvalidOperationException(SecretText);
    }

    private sealed class FlakyProvider : IPanelProvider
    {
        public bool Fail { get; set; }

        public string Key => "flaky";

        public PanelContent Build(StatusSnapshot snapshot) =>
            Fail ? throw new InvalidOperationException("boom") : new PanelContent(Key, "Flaky title", ["ok"]);
    }

    private sealed class NullProvider : IPanelProvider
    {
        public string Key => "null_panel";

        public PanelContent Build(StatusSnapshot snapshot) => null!;
    }
}
