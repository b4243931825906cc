namespace G6.Summary.Protocol;

/// <summary>The protocol's event names (PROTOCOL.md, "Events"); all match <c>[a-z_]+</c>.</summary>
public static class EventNames
{
    public const string Hello = "hello";
    public const string FullSnapshot = "full_snapshot";
    public const string PanelUpdate = "panel_update";
    public const string PanelDiff = "panel_diff";
    public const string Heartbeat = "heartbeat";
    public const string Truncated = "truncated";
    public const string Error = "error";
    public const string Bye = "bye";

    /// <summary>Every name, for metric label pre-creation and validation.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Hello, FullSnapshot, PanelUpdate, PanelDiff, Heartbeat, Truncated, Error, Bye];

    /// <summary>True when <paramref name="name"/> is a non-empty run of <c>[a-z_]</c>.</summary>
    public static bool IsValid(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => c is (>= 'a' and <= 'z') or '_');
}
