namespace G6.Summary.Snapshot;

/// <summary>A named link the platform advertises, e.g. its metrics endpoint.</summary>
public sealed record LinkInfo(string Name, string? Url);
