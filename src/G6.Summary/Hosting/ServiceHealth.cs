using G6.Summary.Configuration;

namespace G6.Summary.Hosting;

/// <summary>
/// What <c>/summary/health</c> reports, fed by the summary loop. Thread-safe: the loop writes,
/// requests read.
/// </summary>
public sealed class ServiceHealth(SummaryOptions options, TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private readonly long _startedAt = timeProvider.GetTimestamp();
    private long _cycle;
    private long _lastGoodRead;
    private long _readErrors;
    private string? _lastReadError;
    private bool _lastReadFailed;
    private int _failedPanels;
    private bool _stopping;

    public void GoodRead()
    {
        lock (_lock)
        {
            _lastGoodRead = timeProvider.GetTimestamp();
            _lastReadFailed = false;
        }
    }

    public void ReadUnchanged()
    {
        lock (_lock)
        {
            _lastReadFailed = false;
        }
    }

    public void ReadFailed(string reason)
    {
        lock (_lock)
        {
            _readErrors++;
            _lastReadError = reason;
            _lastReadFailed = true;
        }
    }

    public void CycleCompleted(long cycle, int failedPanels)
    {
        lock (_lock)
        {
            _cycle = cycle;
            _failedPanels = failedPanels;
        }
    }

    public void Stopping()
    {
        lock (_lock)
        {
            _stopping = true;
        }
    }

    public HealthReport Report()
    {
        lock (_lock)
        {
            double? age = _lastGoodRead == 0 ? null : timeProvider.GetElapsedTime(_lastGoodRead).TotalSeconds;
            var status = _stopping ? HealthStatus.Stopping
                : _cycle == 0 ? HealthStatus.Starting
                : age is null || age > options.StaleAfter.TotalSeconds ? HealthStatus.Stale
                : _lastReadFailed || _failedPanels > 0 ? HealthStatus.Degraded
                : HealthStatus.Ok;
            return new HealthReport(status, _cycle, age, _readErrors, _lastReadFailed ? _lastReadError : null,
                _failedPanels, timeProvider.GetElapsedTime(_startedAt).TotalSeconds);
        }
    }
}
