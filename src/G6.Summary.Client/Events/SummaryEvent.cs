namespace G6.Summary.Client;

/// <summary>
/// One event of the summary stream, parsed from its <c>data</c> JSON (PROTOCOL.md, "Events").
/// Every event the server publishes carries <see cref="Seq"/>, <see cref="Cycle"/> and <see cref="Ts"/>.
/// </summary>
/// <param name="Seq">The event's position in the server's event log; grows by one per published event.</param>
/// <param name="Cycle">The server loop's cycle number when the event was published.</param>
/// <param name="Ts">The publisher's emit time, Unix epoch milliseconds (fractional).</param>
public abstract record SummaryEvent(long Seq, long Cycle, double Ts)
{
    /// <summary>The SSE event name, e.g. <c>panel_update</c>.</summary>
    public abstract string Name { get; }

    /// <summary><see cref="Ts"/> as a point in time.</summary>
    public DateTimeOffset Timestamp => DateTimeOffset.UnixEpoch.AddMilliseconds(Ts);
}
