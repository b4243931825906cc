namespace G6.Summary.Client;

/// <summary>
/// <c>panel_update</c> or its structured form <c>panel_diff</c>: the panels that changed, at their new content.
/// </summary>
/// <param name="Panels">The changed panels.</param>
/// <param name="Digest">Digest of the whole state after applying this event.</param>
/// <param name="Coalesced">
/// Set on a throttled stream when this one event stands for that many published events; the seq then
/// jumps by more than one and the digest decides whether the client is still right.
/// </param>
/// <param name="Structured">True for <c>panel_diff</c>.</param>
public sealed record PanelUpdateEvent(
    long Seq,
    long Cycle,
    double Ts,
    IReadOnlyList<SummaryPanel> Panels,
    string Digest,
    int? Coalesced,
    bool Structured) : SummaryEvent(Seq, Cycle, Ts)
{
    /// <inheritdoc/>
    public override string Name => Structured ? Protocol.EventNames.PanelDiff : Protocol.EventNames.PanelUpdate;
}
