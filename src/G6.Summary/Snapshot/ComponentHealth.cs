namespace G6.Summary.Snapshot;

/// <summary>The health of one platform component.</summary>
public sealed record ComponentHealth(string Name)
{
    /// <summary>Status as reported, e.g. "ok", "healthy", "degraded".</summary>
    public string? Status { get; init; }

    public DateTimeOffset? LastCheck { get; init; }
}
