namespace G6.Summary.Backplane;

/// <summary>One panel as the shared log stores it with the state (what resync and late nodes rebuild from).</summary>
public sealed record StoredPanel(string Key, string Title, string[] Lines, string Hash);
