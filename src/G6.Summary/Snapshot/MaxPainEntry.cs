namespace G6.Summary.Snapshot;

/// <summary>The max-pain strike for one index.</summary>
public sealed record MaxPainEntry(string Index, double? Strike);
