namespace G6.Summary.Snapshot;

/// <summary>
/// Where a status document stands in the platform's own timeline: the time of the loop run that wrote
/// it (<c>loop.last_run</c>, or the flat schema's <c>timestamp</c>) and then its cycle number. Several
/// nodes reading one status file at different moments may hold different documents; the shared log
/// orders them by this so that a node that read an older document can never take the state back to it.
/// Zero means "not said" (a document without a time or cycle cannot be ordered; see docs/STREAMING.md).
/// </summary>
public readonly record struct StatusVersion(long TimeMs, long Cycle) : IComparable<StatusVersion>
{
    public static StatusVersion None => default;

    public static StatusVersion Of(StatusSnapshot snapshot) =>
        new(snapshot.Loop.LastRun?.ToUnixTimeMilliseconds() ?? 0, snapshot.Loop.Cycle ?? 0);

    public int CompareTo(StatusVersion other) =>
        TimeMs != other.TimeMs ? TimeMs.CompareTo(other.TimeMs) : Cycle.CompareTo(other.Cycle);

    public static bool operator <(StatusVersion left, StatusVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(StatusVersion left, StatusVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(StatusVersion left, StatusVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(StatusVersion left, StatusVersion right) => left.CompareTo(right) >= 0;
}
