namespace G6.Summary.Backplane;

/// <summary>The backplane as health reports it: kind (memory, redis), state (ok, joining, degraded), this node, and how many events it is behind the log's head.</summary>
public sealed record BackplaneStatus(string Kind, string State, string NodeId, long Lag, string? LastError = null)
{
    public const string Ok = "ok";

    /// <summary>Started, not yet read the shared log once: no events are sent or appended yet.</summary>
    public const string Joining = "joining";

    /// <summary>Redis did not answer (or answered with an error) the last time it was asked.</summary>
    public const string Degraded = "degraded";
}
