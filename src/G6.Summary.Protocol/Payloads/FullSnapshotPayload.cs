namespace G6.Summary.Protocol.Payloads;

public sealed record FullSnapshotPayload(
    long Seq,
    long Cycle,
    double Ts,
    string Epoch,
    string Digest,
    IReadOnlyDictionary<string, PanelBody> Panels);
