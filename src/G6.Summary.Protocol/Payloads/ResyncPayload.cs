namespace G6.Summary.Protocol.Payloads;

/// <summary>The body of <c>GET /summary/resync</c>.</summary>
public sealed record ResyncPayload(
    int SchemaVersion,
    string Epoch,
    long Seq,
    long Cycle,
    double Ts,
    string Digest,
    IReadOnlyDictionary<string, PanelBody> Panels);
