namespace G6.Summary.Bench.Harness;

/// <summary>
/// Everything one harness run measured: the <c>--json</c> output and what <c>bench scenario</c> archives.
/// Times are milliseconds, rates per second, memory bytes.
/// </summary>
/// <param name="Build">Debug or Release: of the harness (and, in a scenario, of the server it started).</param>
/// <param name="WindowSec">The measured window's actual length.</param>
/// <param name="LatencyMs">Dispatch latency: receive time minus the event's <c>ts</c>, for events in the window.</param>
/// <param name="Server">The server's CPU and memory, when its pid was given.</param>
/// <param name="Harness">The harness's own CPU and memory (to show it was not the bottleneck).</param>
/// <param name="Reader">How the harness read the streams (<see cref="BenchReader"/>).</param>
/// <param name="Reconnects">What reconnecting streams met; null unless the run reconnected (<see cref="BenchOptions.Reconnect"/>).</param>
/// <param name="Wire">Bytes on the wire over the window, and per event.</param>
public sealed record BenchReport(
    string Tool,
    string Build,
    DateTimeOffset StartedAt,
    string Url,
    int Streams,
    double RampUpSec,
    double WarmupSec,
    double DurationSec,
    double WindowSec,
    ClientStats Clients,
    EventStats Events,
    LatencyStats LatencyMs,
    SequenceStats Sequence,
    ProcessUsage? Server,
    ProcessUsage? Harness,
    string Reader,
    ReconnectStats? Reconnects = null,
    WireStats? Wire = null)
{
    public const string ToolName = "g6-summary bench";

    /// <summary>True when every stream connected, stayed open, and got every event once, in order.</summary>
    public bool Complete =>
        Clients.Connected == Clients.Requested && Clients.ClosedEarly == 0 && Sequence.Gaps == 0
        && Sequence.Duplicates == 0 && Sequence.Resnapshots == 0 && Events.ParseErrors == 0;
}
