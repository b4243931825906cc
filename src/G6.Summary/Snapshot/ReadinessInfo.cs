namespace G6.Summary.Snapshot;

/// <summary>Whether the platform considers itself ready, and why.</summary>
public sealed record ReadinessInfo
{
    public static ReadinessInfo Empty { get; } = new();

    public bool? Ok { get; init; }

    public string? Reason { get; init; }
}
