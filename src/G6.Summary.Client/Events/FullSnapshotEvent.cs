namespace G6.Summary.Client;

/// <summary>
/// <c>full_snapshot</c>: the whole state, replacing every panel. The body of <c>GET /summary/resync</c>
/// has the same shape and is parsed into this type too (<see cref="SummaryEventParser.ParseResync"/>).
/// </summary>
/// <param name="Epoch">The server's epoch.</param>
/// <param name="Digest">Digest of the state described.</param>
/// <param name="Panels">Every panel, in the server's display order.</param>
public sealed record FullSnapshotEvent(
    long Seq,
    long Cycle,
    double Ts,
    string Epoch,
    string Digest,
    IReadOnlyList<SummaryPanel> Panels) : SummaryEvent(Seq, Cycle, Ts)
{
    /// <inheritdoc/>
    public override string Name => Protocol.EventNames.FullSnapshot;
}
