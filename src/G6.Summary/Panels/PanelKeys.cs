using System.Collections.Immutable;

namespace G6.Summary.Panels;

/// <summary>The built-in panel keys, and the order the dashboard shows them in.</summary>
public static class PanelKeys
{
    public const string Header = "header";
    public const string Loop = "loop";
    public const string Indices = "indices";
    public const string Analytics = "analytics";
    public const string Alerts = "alerts";
    public const string Resources = "resources";
    public const string Storage = "storage";
    public const string Health = "health";
    public const string Performance = "performance";
    public const string Links = "links";

    /// <summary>Display order; the registry sorts providers by it, unknown keys last.</summary>
    public static ImmutableArray<string> DisplayOrder { get; } =
        [Header, Loop, Indices, Analytics, Alerts, Resources, Storage, Health, Performance, Links];

    /// <summary>True when <paramref name="key"/> matches <c>[a-z_]+</c>, the rule event names and keys share.</summary>
    public static bool IsValid(string? key) =>
        !string.IsNullOrEmpty(key) && key.All(c => c is (>= 'a' and <= 'z') or '_');
}
