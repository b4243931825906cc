namespace G6.Summary.Client;

/// <summary><c>hello</c>: the first event of every stream. Its <see cref="SummaryEvent.Seq"/> is the server's current seq.</summary>
/// <param name="SchemaVersion">Payload schema version (1 for PROTOCOL.md v1).</param>
/// <param name="Epoch">Token fixed for the life of one server event log; a new epoch means a restarted server.</param>
/// <param name="ServerVersion">The server's version string.</param>
/// <param name="Resumed">True when the server accepted <c>Last-Event-ID</c> and replays what was missed.</param>
/// <param name="DiffMode"><c>update</c> (panel_update events) or <c>structured</c> (panel_diff events).</param>
/// <param name="HeartbeatCycles">Unchanged cycles after which the server sends a heartbeat.</param>
/// <param name="Digest">Digest of the server's current state.</param>
/// <param name="PanelHashes">The server's current panel hashes by key.</param>
public sealed record HelloEvent(
    long Seq,
    long Cycle,
    double Ts,
    int SchemaVersion,
    string Epoch,
    string ServerVersion,
    bool Resumed,
    string DiffMode,
    int HeartbeatCycles,
    string Digest,
    IReadOnlyDictionary<string, string> PanelHashes) : SummaryEvent(Seq, Cycle, Ts)
{
    /// <inheritdoc/>
    public override string Name => Protocol.EventNames.Hello;
}
