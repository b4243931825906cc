using System.Collections.Immutable;

namespace G6.Summary.Snapshot;

/// <summary>
/// Alerts, from either a plain list of alerts or an object with totals, counts by severity and recent items.
/// </summary>
public sealed record AlertSummary
{
    public static AlertSummary Empty { get; } = new();

    /// <summary>Total alerts; null when the status does not say.</summary>
    public long? Total { get; init; }

    public ImmutableArray<SeverityCount> BySeverity { get; init; } = [];

    /// <summary>Alert items in file order.</summary>
    public ImmutableArray<AlertInfo> Recent { get; init; } = [];
}
