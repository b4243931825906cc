using G6.Summary.Client;

namespace G6.Summary.Cli.Dashboard;

/// <summary>
/// What a dashboard source (a remote server through the client library, or a local status file) knows at
/// one moment: the data a frame is built from.
/// </summary>
/// <param name="Source">The server address or "file PATH".</param>
/// <param name="State">Connection state; a local source maps its reads onto the same states.</param>
/// <param name="Problem">The latest connection or read problem, or a note such as a resync.</param>
/// <param name="Server">Server version and epoch, or the local source's description.</param>
/// <param name="Cycle">Server cycle (remote) or local poll count.</param>
/// <param name="LastUpdateAt">When the source last heard anything (client clock).</param>
/// <param name="StaleAfter">Age beyond which the data counts as stale.</param>
/// <param name="Panels">Panels in display order.</param>
/// <param name="ServerError">The latest <c>error</c> event's message, if any.</param>
/// <param name="Digest">Digest of the panels, so plain mode can tell when the content changed.</param>
public sealed record DashSnapshot(
    string Source,
    ConnectionState State,
    string? Problem,
    string Server,
    long? Cycle,
    DateTimeOffset? LastUpdateAt,
    TimeSpan StaleAfter,
    IReadOnlyList<SummaryPanel> Panels,
    string? ServerError,
    string Digest)
{
    /// <summary>Changes exactly when something a reader of plain output cares about changed (not on heartbeats or ages).</summary>
    public string ChangeKey => $"{State}|{Digest}|{Problem}|{ServerError}";
}
