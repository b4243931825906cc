namespace G6.Summary.Protocol.Payloads;

public sealed record TruncatedPayload(long Seq, long Cycle, double Ts, string OriginalEvent, int Bytes, int Limit);
