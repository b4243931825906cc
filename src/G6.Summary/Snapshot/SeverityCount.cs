namespace G6.Summary.Snapshot;

/// <summary>How many alerts of one severity the platform reports.</summary>
public sealed record SeverityCount(string Severity, long? Count);
