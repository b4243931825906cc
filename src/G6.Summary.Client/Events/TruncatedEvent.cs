namespace G6.Summary.Client;

/// <summary><c>truncated</c>: an event was too large to send; the client must fetch <c>/summary/resync</c>.</summary>
/// <param name="OriginalEvent">Name of the event that was not sent.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Limit">The server's limit (<c>G6_SSE_MAX_EVENT_BYTES</c>).</param>
public sealed record TruncatedEvent(long Seq, long Cycle, double Ts, string OriginalEvent, long Bytes, long Limit) : SummaryEvent(Seq, Cycle, Ts)
{
    /// <inheritdoc/>
    public override string Name => Protocol.EventNames.Truncated;
}
