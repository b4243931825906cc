namespace G6.Summary.Snapshot;

/// <summary>One alert raised by the platform.</summary>
public sealed record AlertInfo
{
    /// <summary>Lower-cased severity, e.g. "critical", "warning", "info".</summary>
    public string? Severity { get; init; }

    public string? Message { get; init; }

    public DateTimeOffset? Time { get; init; }

    public string? Index { get; init; }
}
