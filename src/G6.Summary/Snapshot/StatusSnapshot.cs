using System.Collections.Immutable;

namespace G6.Summary.Snapshot;

/// <summary>
/// The platform's runtime status, normalised from either status schema. Every value may be unknown (null);
/// sections are never null but hold nulls when the status did not say, so panels need no null checks on them.
/// </summary>
public sealed record StatusSnapshot
{
    /// <summary>A snapshot with nothing known (no good status read yet).</summary>
    public static StatusSnapshot Empty { get; } = new();

    public StatusSchema Schema { get; init; }

    public AppInfo App { get; init; } = AppInfo.Empty;

    public MarketInfo Market { get; init; } = MarketInfo.Empty;

    public ConfigInfo Config { get; init; } = ConfigInfo.Empty;

    public LoopInfo Loop { get; init; } = LoopInfo.Empty;

    /// <summary>Indices in file order.</summary>
    public ImmutableArray<IndexInfo> Indices { get; init; } = [];

    public AnalyticsInfo Analytics { get; init; } = AnalyticsInfo.Empty;

    public AlertSummary Alerts { get; init; } = AlertSummary.Empty;

    public ResourceInfo Resources { get; init; } = ResourceInfo.Empty;

    public ImmutableArray<SinkInfo> Sinks { get; init; } = [];

    public ImmutableArray<ComponentHealth> Health { get; init; } = [];

    public ReadinessInfo Readiness { get; init; } = ReadinessInfo.Empty;

    public ProviderInfo Provider { get; init; } = ProviderInfo.Empty;

    public PerformanceInfo Performance { get; init; } = PerformanceInfo.Empty;

    public ImmutableArray<LinkInfo> Links { get; init; } = [];
}
