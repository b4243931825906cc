namespace G6.Summary.Snapshot;

/// <summary>One output sink (CSV, Influx, …) and when it last wrote.</summary>
public sealed record SinkInfo(string Name)
{
    public DateTimeOffset? LastWrite { get; init; }
}
