namespace G6.Summary.Client;

/// <summary>
/// An event this client does not know (a newer server). It still occupies a seq, so the state machine
/// counts it rather than mistaking the next event for a gap.
/// </summary>
/// <param name="EventName">The event name as received.</param>
/// <param name="Seq">Its seq, or 0 when it had none.</param>
public sealed record UnknownEvent(string EventName, long Seq, long Cycle, double Ts) : SummaryEvent(Seq, Cycle, Ts)
{
    /// <inheritdoc/>
    public override string Name => EventName;
}
