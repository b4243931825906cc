namespace G6.Summary.Protocol.Payloads;

public sealed record HelloPayload(
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
    IReadOnlyList<PanelHashEntry> Panels);
