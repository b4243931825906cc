using G6.Summary.Configuration;
using G6.Summary.Metrics;
using Microsoft.Extensions.Logging;

namespace G6.Summary.Streaming;

/// <summary>
/// A timer over the open streams: marks keepalives due on streams silent for <c>G6_SSE_KEEPALIVE_SEC</c>
/// (and rings them; their loop writes the comment) and aborts streams whose flush has waited on the
/// client for <c>G6_SSE_WRITE_TIMEOUT_SEC</c>. It never writes to a stream itself.
/// </summary>
internal sealed class Housekeeper : IDisposable
{
    private readonly SummaryOptions _options;
    private readonly StreamRegistry _registry;
    private readonly ISummaryMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ITimer _timer;

    public Housekeeper(SummaryOptions options, StreamRegistry registry, ISummaryMetrics metrics, TimeProvider timeProvider, ILogger logger)
    {
        _options = options;
        _registry = registry;
        _metrics = metrics;
        _timeProvider = timeProvider;
        _logger = logger;

        // Tick often enough that keepalives land within half an interval of being due and stuck writes
        // are found within half the write timeout; once a second at most, so idle streams cost ~nothing.
        var tick = TimeSpan.FromTicks(Math.Min(
            TimeSpan.FromSeconds(1).Ticks,
            Math.Min(options.Streaming.KeepaliveInterval.Ticks, options.Streaming.WriteTimeout.Ticks) / 2));
        _timer = timeProvider.CreateTimer(_ => Tick(), null, tick, tick);
    }

    public void Dispose() => _timer.Dispose();

    private void Tick()
    {
        var now = _timeProvider.GetTimestamp();
        foreach (var (_, stream) in _registry.Streams)
        {
            var pendingSince = stream.PendingWriteSince;
            if (pendingSince != 0)
            {
                if (_timeProvider.GetElapsedTime(pendingSince, now) >= _options.Streaming.WriteTimeout)
                {
                    // Counted and logged before the close, so a closed stream is always accounted for.
                    stream.Abort(() =>
                    {
                        _metrics.SlowDisconnect();
                        StreamLog.SlowDisconnect(_logger, stream.Id, _options.Streaming.WriteTimeout.TotalSeconds);
                    });
                }

                continue;
            }

            if (_timeProvider.GetElapsedTime(stream.LastWriteTimestamp, now) >= _options.Streaming.KeepaliveInterval)
            {
                stream.MarkKeepaliveDue();
                stream.Ring();
            }
        }
    }
}
