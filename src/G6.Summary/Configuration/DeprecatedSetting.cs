using System.Text.RegularExpressions;

namespace G6.Summary.Configuration;

/// <summary>
/// One retired <c>G6_</c> environment variable: what replaced it (if anything), when it was
/// deprecated, when it is planned to go, and what the service does when it still sees it.
/// </summary>
/// <param name="Name">The deprecated variable, e.g. <c>G6_…</c>.</param>
/// <param name="Replacement">The variable to use instead, or <see langword="null"/> when the feature is simply always on now.</param>
/// <param name="DeprecatedOn">The day the name was deprecated (the Phase 6 scope date).</param>
/// <param name="PlannedRemoval">The day after which the service stops recognising the name at all.</param>
/// <param name="Behaviour">One short operator-facing sentence: what the service does today when the name is set.</param>
/// <param name="Migration">One short operator-facing sentence: what to do instead; used in the start-up warning and the docs.</param>
public sealed partial record DeprecatedSetting(
    string Name,
    string? Replacement,
    DateOnly DeprecatedOn,
    DateOnly PlannedRemoval,
    string Behaviour,
    string Migration)
{
    // Get-only (no init) so that a `with` expression cannot bypass the checks below.
    public string Name { get; } = CheckName(Name, nameof(Name));

    public string? Replacement { get; } = Replacement is null ? null : CheckName(Replacement, nameof(Replacement));

    public DateOnly DeprecatedOn { get; } = DeprecatedOn;

    public DateOnly PlannedRemoval { get; } = PlannedRemoval > DeprecatedOn
        ? PlannedRemoval
        : throw new ArgumentOutOfRangeException(nameof(PlannedRemoval), "Planned removal must come after the deprecation date.");

    // Both sentences end up in a one-line start-up warning and a Markdown table cell,
    // so a line break would split the warning and break the table.
    public string Behaviour { get; } = CheckSentence(Behaviour, nameof(Behaviour));

    public string Migration { get; } = CheckSentence(Migration, nameof(Migration));

    /// <summary>True when no variable replaces this one because the feature is always on now.</summary>
    public bool IsAlwaysOn => Replacement is null;

    private static string CheckName(string value, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        return NamePattern().IsMatch(value)
            ? value
            : throw new ArgumentException("A setting name is G6_ followed by upper-case letters, digits and underscores.", paramName);
    }

    private static string CheckSentence(string value, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, paramName);
        return value.AsSpan().ContainsAny('\r', '\n')
            ? throw new ArgumentException("Must be a single line.", paramName)
            : value;
    }

    [GeneratedRegex("^G6_[A-Z0-9_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
