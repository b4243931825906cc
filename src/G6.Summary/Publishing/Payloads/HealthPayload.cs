namespace G6.Summary.Publishing.Payloads;

/// <summary>The body of <c>GET /summary/health</c>.</summary>
public sealed record HealthPayload(
    string Status,
    long Cycle,
    double? LastGoodReadAgeSec,
    long ReadErrors,
    string? LastReadError,
    int FailedPanels,
    int Connections,
    double UptimeSec,
    string Version,
    string Source,
    string Epoch,
    long Seq,
    TransportHealth Transport);
