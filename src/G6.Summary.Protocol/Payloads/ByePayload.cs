namespace G6.Summary.Protocol.Payloads;

public sealed record ByePayload(long Seq, long Cycle, double Ts, string Reason);
