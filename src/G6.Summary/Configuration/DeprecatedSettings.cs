using System.Collections.Frozen;

namespace G6.Summary.Configuration;

/// <summary>
/// The single table of retired <c>G6_</c> environment variables and the start-up checks built on it.
/// </summary>
/// <remarks>
/// This is the only source file allowed to spell the deprecated names: the deprecated-name scanner (<c>g6-summary check-flags</c>)
/// exempts it (and <c>docs/DEPRECATIONS.md</c>), so anything else that mentions one is a finding.
/// Code that needs a name reads it from <see cref="All"/>.
/// </remarks>
public static class DeprecatedSettings
{
    /// <summary>Where operators read about the retired names; every warning points there.</summary>
    public const string DocsPath = "docs/DEPRECATIONS.md";

    // The Phase 6 scope document, dated 2025-10-03, retired all five names at once.
    private static readonly DateOnly Phase6Scope = new(2025, 10, 3);

    // Eighteen months after deprecation: long enough for every deployment to see the start-up warning
    // through at least one full release cycle before the names stop being recognised.
    private static readonly DateOnly PlannedRemoval = new(2027, 4, 1);

    private const string SseEnabledName = "G6_SSE_ENABLED";

    /// <summary>Every deprecated name, in the order warnings are printed.</summary>
    public static IReadOnlyList<DeprecatedSetting> All { get; } =
    [
        new(
            SseEnabledName,
            "G6_SSE_HTTP",
            Phase6Scope,
            PlannedRemoval,
            "honoured when 0 (streaming off); any other value is ignored",
            "use G6_SSE_HTTP=0 to turn streaming off"),
        new(
            "G6_SUMMARY_REWRITE",
            null,
            Phase6Scope,
            PlannedRemoval,
            "ignored; the rewritten summary is always on",
            "rewrite is always on now; remove the variable"),
        new(
            "G6_SUMMARY_PLAIN_DIFF",
            null,
            Phase6Scope,
            PlannedRemoval,
            "ignored; plain diff is always on",
            "plain diff is always on now; remove the variable"),
        new(
            "G6_SUMMARY_RICH_DIFF",
            null,
            Phase6Scope,
            PlannedRemoval,
            "ignored; rich diff is always on",
            "rich diff is always on now; remove the variable"),
        new(
            "G6_SUMMARY_RESYNC_HTTP",
            "G6_DISABLE_RESYNC_HTTP",
            Phase6Scope,
            PlannedRemoval,
            "ignored; /summary/resync is served unless G6_DISABLE_RESYNC_HTTP=1",
            // The replacement has the opposite sense: it turns resync off, the old name turned it on.
            "use G6_DISABLE_RESYNC_HTTP=1 to turn resync off"),
    ];

    private static readonly FrozenDictionary<string, DeprecatedSetting> ByName =
        All.ToFrozenDictionary(s => s.Name, StringComparer.Ordinal);

    /// <summary>The table entry for <paramref name="name"/> (exact, case-sensitive), or <see langword="null"/>.</summary>
    public static DeprecatedSetting? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>
    /// One warning line per deprecated name that is set to a non-empty value in <paramref name="lookup"/>,
    /// in table order, each saying what to do instead.
    /// </summary>
    /// <param name="lookup">Reads one variable, e.g. <see cref="Environment.GetEnvironmentVariable(string)"/>; null when unset.</param>
    public static IReadOnlyList<string> WarningsFor(Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);

        var warnings = new List<string>();
        foreach (var setting in All)
        {
            // An empty value is how shells and container specs "unset" a variable, so it is not a use.
            if (!string.IsNullOrEmpty(lookup(setting.Name)))
            {
                warnings.Add($"warning: {setting.Name} is deprecated; {setting.Migration} (see {DocsPath})");
            }
        }

        return warnings;
    }

    /// <summary>
    /// True when the legacy SSE toggle is set to <c>0</c> (surrounding whitespace ignored). The protocol
    /// honours the old toggle only when it is 0; any other value ("false", "off", "1") is ignored rather
    /// than guessed at, because a wrong guess would silently stop streaming for a deployment.
    /// </summary>
    public static bool SseDisabledByLegacyToggle(Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        return lookup(SseEnabledName)?.Trim() == "0";
    }
}
