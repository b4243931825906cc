namespace G6.Summary.Client;

/// <summary><c>heartbeat</c>: nothing changed for a while; <see cref="Digest"/> lets the client check it has not drifted.</summary>
/// <param name="Digest">Digest of the server's state.</param>
/// <param name="HitRatio">Share of panel builds that changed nothing since the server started.</param>
public sealed record HeartbeatEvent(long Seq, long Cycle, double Ts, string Digest, double? HitRatio) : SummaryEvent(Seq, Cycle, Ts)
{
    /// <inheritdoc/>
    public override string Name => Protocol.EventNames.Heartbeat;
}
