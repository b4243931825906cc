namespace G6.Summary.Panels;

/// <summary>All panels for one cycle, in display order, plus the keys of providers that failed.</summary>
public sealed record PanelBuildResult(IReadOnlyList<PanelContent> Panels, IReadOnlyList<string> FailedKeys);
