namespace G6.Summary.Client;

/// <summary><c>bye</c>: the server is shutting down and closes the stream; a planned restart, not a failure.</summary>
/// <param name="Reason">Why, e.g. <c>shutdown</c>.</param>
public sealed record ByeEvent(long Seq, long Cycle, double Ts, string Reason) : SummaryEvent(Seq, Cycle, Ts)
{
    /// <inheritdoc/>
    public override string Name => Protocol.EventNames.Bye;
}
