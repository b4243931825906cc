namespace G6.Summary.Snapshot;

/// <summary>The platform process that wrote the status.</summary>
public sealed record AppInfo
{
    public static AppInfo Empty { get; } = new();

    public string? Name { get; init; }

    public string? Version { get; init; }

    public long? Pid { get; init; }

    public string? Host { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public double? UptimeSec { get; init; }
}
