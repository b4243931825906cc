namespace G6.Summary.Client;

/// <summary><c>error</c>: a recoverable problem on the server (status unreadable, a panel failing). Panels are unchanged.</summary>
/// <param name="Message">Short operator-facing text; never exception details.</param>
/// <param name="Recoverable">Always true in protocol v1.</param>
public sealed record ServerErrorEvent(long Seq, long Cycle, double Ts, string Message, bool Recoverable) : SummaryEvent(Seq, Cycle, Ts)
{
    /// <inheritdoc/>
    public override string Name => Protocol.EventNames.Error;
}
