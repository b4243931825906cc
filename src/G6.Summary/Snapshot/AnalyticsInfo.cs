using System.Collections.Immutable;

namespace G6.Summary.Snapshot;

/// <summary>Options analytics: put/call ratio and max pain per index.</summary>
public sealed record AnalyticsInfo
{
    public static AnalyticsInfo Empty { get; } = new();

    public double? Pcr { get; init; }

    public ImmutableArray<MaxPainEntry> MaxPain { get; init; } = [];
}
