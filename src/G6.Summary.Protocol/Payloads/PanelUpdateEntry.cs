namespace G6.Summary.Protocol.Payloads;

/// <summary>One changed panel inside <c>panel_update</c>.</summary>
public sealed record PanelUpdateEntry(string Key, string Hash, string Title, IReadOnlyList<string> Lines);
