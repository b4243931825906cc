namespace G6.Summary.Snapshot;

/// <summary>The market-data provider the platform uses.</summary>
public sealed record ProviderInfo
{
    public static ProviderInfo Empty { get; } = new();

    public string? Name { get; init; }

    public double? LatencyMs { get; init; }

    public bool? AuthValid { get; init; }

    public DateTimeOffset? AuthExpiry { get; init; }
}
