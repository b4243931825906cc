namespace G6.Summary.Protocol.Payloads;

/// <summary>A panel inside <c>full_snapshot</c>, <c>panel_diff</c> and resync: <c>{hash, title, lines}</c>.</summary>
public sealed record PanelBody(string Hash, string Title, IReadOnlyList<string> Lines);
