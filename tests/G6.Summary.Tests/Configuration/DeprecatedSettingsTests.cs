using G6.Summary.Configuration;

namespace G6.Summary.Tests.Configuration;

// The deprecated names are never written out in tests: the scanner would flag this file.
// They are read from the table, or assembled from pieces where the test pins the protocol's spelling.
public sealed class DeprecatedSettingsTests
{
    private const string Prefix = "G6_";

    private static DeprecatedSetting LegacySseToggle => DeprecatedSettings.All.Single(s => s.Replacement == "G6_SSE_HTTP");

    private static DeprecatedSetting LegacyResync => DeprecatedSettings.All.Single(s => s.Replacement == "G6_DISABLE_RESYNC_HTTP");

    public static TheoryData<string> Names() => [.. DeprecatedSettings.All.Select(s => s.Name)];

    [Fact]
    public void All_ListsExactlyTheProtocolNames()
    {
        string[] expected =
        [
            Prefix + "SSE_ENABLED",
            Prefix + "SUMMARY_REWRITE",
            Prefix + "SUMMARY_PLAIN_DIFF",
            Prefix + "SUMMARY_RICH_DIFF",
            Prefix + "SUMMARY_RESYNC_HTTP",
        ];

        Assert.Equal(expected, DeprecatedSettings.All.Select(s => s.Name));
    }

    [Fact]
    public void All_Replacements_MatchProtocol()
    {
        Assert.Equal(Prefix + "SSE_ENABLED", LegacySseToggle.Name);
        Assert.Equal(Prefix + "SUMMARY_RESYNC_HTTP", LegacyResync.Name);
        Assert.Equal(3, DeprecatedSettings.All.Count(s => s.IsAlwaysOn));
    }

    [Fact]
    public void All_Dates_AreThePhase6ScopeAndThePlannedRemoval()
    {
        Assert.All(DeprecatedSettings.All, s =>
        {
            Assert.Equal(new DateOnly(2025, 10, 3), s.DeprecatedOn);
            Assert.Equal(new DateOnly(2027, 4, 1), s.PlannedRemoval);
        });
    }

    [Fact]
    public void Find_KnownAndUnknownNames_ReturnsEntryOrNull()
    {
        Assert.Same(LegacyResync, DeprecatedSettings.Find(LegacyResync.Name));
        Assert.Null(DeprecatedSettings.Find(LegacyResync.Name.ToLowerInvariant()));
        Assert.Null(DeprecatedSettings.Find("G6_SSE_HTTP"));
    }

    [Fact]
    public void WarningsFor_EveryNameSet_OneWarningPerNameNamingWhatToDo()
    {
        var warnings = DeprecatedSettings.WarningsFor(_ => "1");

        Assert.Equal(DeprecatedSettings.All.Count, warnings.Count);
        foreach (var (setting, warning) in DeprecatedSettings.All.Zip(warnings))
        {
            Assert.StartsWith($"warning: {setting.Name} is deprecated; ", warning, StringComparison.Ordinal);
            Assert.EndsWith("(see docs/DEPRECATIONS.md)", warning, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', warning);
            if (setting.Replacement is { } replacement)
            {
                Assert.Contains(replacement, warning, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains("always on now", warning, StringComparison.Ordinal);
                Assert.Contains("remove the variable", warning, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void WarningsFor_OneNameSet_WarnsForThatNameOnly(string name)
    {
        var warning = Assert.Single(DeprecatedSettings.WarningsFor(n => n == name ? "0" : null));

        Assert.StartsWith($"warning: {name} is deprecated;", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void WarningsFor_ResyncToggle_ExplainsTheInvertedReplacement()
    {
        var warning = Assert.Single(DeprecatedSettings.WarningsFor(n => n == LegacyResync.Name ? "1" : null));

        Assert.Equal(
            $"warning: {LegacyResync.Name} is deprecated; use G6_DISABLE_RESYNC_HTTP=1 to turn resync off (see docs/DEPRECATIONS.md)",
            warning);
    }

    [Fact]
    public void WarningsFor_AlwaysOnName_SaysItCanBeRemoved()
    {
        var rewrite = DeprecatedSettings.All.Single(s => s.Name == Prefix + "SUMMARY_REWRITE");

        var warning = Assert.Single(DeprecatedSettings.WarningsFor(n => n == rewrite.Name ? "true" : null));

        Assert.Equal(
            $"warning: {rewrite.Name} is deprecated; rewrite is always on now; remove the variable (see docs/DEPRECATIONS.md)",
            warning);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void WarningsFor_UnsetOrEmpty_NoWarnings(string? value)
    {
        Assert.Empty(DeprecatedSettings.WarningsFor(_ => value));
    }

    [Fact]
    public void WarningsFor_ReplacementsAndLookalikeNamesSet_NoWarnings()
    {
        var set = new HashSet<string>(StringComparer.Ordinal) { "G6_SSE_HTTP", "G6_DISABLE_RESYNC_HTTP" };
        foreach (var setting in DeprecatedSettings.All)
        {
            set.Add(setting.Name + "_X");
            set.Add(setting.Name.ToLowerInvariant());
        }

        Assert.Empty(DeprecatedSettings.WarningsFor(n => set.Contains(n) ? "1" : null));
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData(" 0 ", true)]
    [InlineData("0\n", true)]
    [InlineData("1", false)]
    [InlineData("false", false)]
    [InlineData("off", false)]
    [InlineData("00", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void SseDisabledByLegacyToggle_Value_OnlyZeroDisables(string? value, bool expected)
    {
        var name = LegacySseToggle.Name;

        Assert.Equal(expected, DeprecatedSettings.SseDisabledByLegacyToggle(n => n == name ? value : null));
    }

    [Fact]
    public void SseDisabledByLegacyToggle_OtherNamesZero_False()
    {
        var name = LegacySseToggle.Name;

        Assert.False(DeprecatedSettings.SseDisabledByLegacyToggle(n => n == name ? null : "0"));
    }

    [Fact]
    public void Constructor_InvalidData_Throws()
    {
        var on = new DateOnly(2025, 10, 3);
        var off = new DateOnly(2027, 4, 1);

        Assert.Throws<ArgumentException>(() => new DeprecatedSetting("SSE_X", null, on, off, "b", "m"));
        Assert.Throws<ArgumentException>(() => new DeprecatedSetting(Prefix + "x", null, on, off, "b", "m"));
        Assert.Throws<ArgumentException>(() => new DeprecatedSetting(Prefix + "X", "nope", on, off, "b", "m"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeprecatedSetting(Prefix + "X", null, off, on, "b", "m"));
        Assert.Throws<ArgumentException>(() => new DeprecatedSetting(Prefix + "X", null, on, off, "two\nlines", "m"));
        Assert.Throws<ArgumentException>(() => new DeprecatedSetting(Prefix + "X", null, on, off, "b", " "));
    }

    [Fact]
    public void DocsTable_ListsExactlyTheTableEntries()
    {
        var docs = File.ReadAllLines(Path.Combine(RepoRoot(), "docs", "DEPRECATIONS.md"));

        // Rows of the names table start with a back-quoted G6_ name; nothing else on the page does.
        var rows = docs
            .Where(line => line.StartsWith("| `" + Prefix, StringComparison.Ordinal))
            .Select(line => line.Trim().Trim('|').Split('|').Select(cell => cell.Trim()).ToArray())
            .ToList();

        Assert.Equal(DeprecatedSettings.All.Select(s => s.Name), rows.Select(r => r[0].Trim('`')));
        foreach (var (setting, row) in DeprecatedSettings.All.Zip(rows))
        {
            Assert.Equal(5, row.Length);
            Assert.Equal(setting.DeprecatedOn.ToString("yyyy-MM-dd"), row[1]);
            Assert.Equal(setting.PlannedRemoval.ToString("yyyy-MM-dd"), row[2]);
            Assert.Equal(setting.Replacement is null ? "none (always on)" : $"`{setting.Replacement}`", row[3]);
            Assert.Equal(setting.Behaviour, row[4]);
        }
    }

    /// <summary>The repository root: the nearest folder above the test binaries that holds the solution file.</summary>
    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "G6.Summary.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("G6.Summary.slnx not found above " + AppContext.BaseDirectory);
    }
}
