namespace G6.Summary.Protocol.Payloads;

public sealed record ErrorPayload(long Seq, long Cycle, double Ts, string Message, bool Recoverable);
