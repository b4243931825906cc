namespace G6.Summary.Protocol.Payloads;

/// <summary><c>heartbeat</c>; <see cref="HitRatio"/> is the share of panel builds that changed nothing.</summary>
public sealed record HeartbeatPayload(long Seq, long Cycle, double Ts, bool Unchanged, string Digest, double HitRatio);
