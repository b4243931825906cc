namespace G6.Summary.Snapshot;

/// <summary>Process resources of the platform.</summary>
public sealed record ResourceInfo
{
    public static ResourceInfo Empty { get; } = new();

    public double? CpuPct { get; init; }

    /// <summary>Resident memory in MiB (nested <c>rss</c> bytes are converted).</summary>
    public double? MemoryMb { get; init; }
}
