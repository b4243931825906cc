using System.Diagnostics;

namespace G6.Summary.Bench.Harness;

/// <summary>
/// Wall-clock Unix milliseconds for receive times, read from the monotonic <see cref="Stopwatch"/>
/// anchored once to the system clock. Servers stamp <c>ts</c> from the same system clock, so on one
/// machine the difference is the dispatch latency; the monotonic base keeps a clock step during a run
/// from showing up as a latency spike (or a negative latency).
/// </summary>
public sealed class UnixClock
{
    private readonly double _anchorUnixMs;
    private readonly long _anchorTimestamp;

    public UnixClock(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _anchorTimestamp = Stopwatch.GetTimestamp();
        _anchorUnixMs = (timeProvider.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalMilliseconds;
    }

    public static UnixClock System { get; } = new(TimeProvider.System);

    /// <summary>Now, Unix epoch milliseconds (fractional).</summary>
    public double NowMs => _anchorUnixMs + Stopwatch.GetElapsedTime(_anchorTimestamp).TotalMilliseconds;
}
