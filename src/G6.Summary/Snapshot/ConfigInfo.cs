namespace G6.Summary.Snapshot;

/// <summary>The platform's own configuration as it reports it.</summary>
public sealed record ConfigInfo
{
    public static ConfigInfo Empty { get; } = new();

    public string? Env { get; init; }

    public string? OutputLevel { get; init; }
}
