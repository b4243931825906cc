namespace G6.Summary.Client;

/// <summary>
/// An immutable picture of a <see cref="SummaryClient"/>: connection and panels together, so a UI draws one
/// consistent frame from it. A new instance is published on every change.
/// </summary>
public sealed record SummaryView
{
    /// <summary>Connection state.</summary>
    public ConnectionState State { get; init; }

    /// <summary>The latest connection problem or notable transition (e.g. "HTTP 401", "server restarting"), or null when none.</summary>
    public string? Problem { get; init; }

    /// <summary>Server epoch of the panels held.</summary>
    public string? Epoch { get; init; }

    /// <summary>Seq of the last applied event.</summary>
    public long Seq { get; init; }

    /// <summary>Server cycle of the last applied event.</summary>
    public long Cycle { get; init; }

    /// <summary>Server emit time of the last applied event.</summary>
    public DateTimeOffset? ServerTime { get; init; }

    /// <summary>The client's digest of its panels.</summary>
    public string Digest { get; init; } = string.Empty;

    /// <summary>True when the panels are verified against the server's digest.</summary>
    public bool IsSynchronized { get; init; }

    /// <summary>Panels in display order.</summary>
    public IReadOnlyList<SummaryPanel> Panels { get; init; } = [];

    /// <summary>Keys of panels whose content changed since the previous view.</summary>
    public IReadOnlyList<string> ChangedKeys { get; init; } = [];

    /// <summary>When the client last received an event (client clock).</summary>
    public DateTimeOffset? LastEventAt { get; init; }

    /// <summary>Server version from <c>hello</c>.</summary>
    public string? ServerVersion { get; init; }

    /// <summary>The server's heartbeat cadence from <c>hello</c>, in cycles.</summary>
    public int? HeartbeatCycles { get; init; }

    /// <summary>The stale threshold in force.</summary>
    public TimeSpan StaleAfter { get; init; }

    /// <summary>Message of the last <c>error</c> event, if any.</summary>
    public string? LastServerError { get; init; }

    /// <summary>When that error event was published (server clock).</summary>
    public DateTimeOffset? LastServerErrorTime { get; init; }

    /// <summary>True when the last connection resumed with <c>Last-Event-ID</c> (no snapshot needed).</summary>
    public bool Resumed { get; init; }

    /// <summary>Number of successful resyncs so far.</summary>
    public long Resyncs { get; init; }

    /// <summary>Number of connections made after the first.</summary>
    public long Reconnects { get; init; }
}
