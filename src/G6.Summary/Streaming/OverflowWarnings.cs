using Microsoft.Extensions.Logging;

namespace G6.Summary.Streaming;

/// <summary>
/// One warning per interval for streams that fell behind, with the count since the last one, so a
/// burst of slow clients cannot flood the log.
/// </summary>
internal sealed class OverflowWarnings(TimeProvider timeProvider, ILogger logger)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly Lock _lock = new();
    private long _sinceLastWarning;
    private long _lastWarning;

    public void Note(long streamId, long dropped)
    {
        lock (_lock)
        {
            _sinceLastWarning++;
            var now = timeProvider.GetTimestamp();
            if (_lastWarning != 0 && timeProvider.GetElapsedTime(_lastWarning, now) < Interval)
            {
                return;
            }

            StreamLog.Overflow(logger, streamId, dropped, _sinceLastWarning);
            _sinceLastWarning = 0;
            _lastWarning = now;
        }
    }
}
