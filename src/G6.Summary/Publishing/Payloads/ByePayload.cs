namespace G6.Summary.Publishing.Payloads;

public sealed record ByePayload(long Seq, long Cycle, double Ts, string Reason);
