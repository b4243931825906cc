using G6.Summary.Configuration;
using Microsoft.Extensions.Logging;

namespace G6.Summary.Hosting;

/// <summary>
/// What <c>/summary/health</c> reports, fed by the summary loop. Thread-safe: the loop writes,
/// requests read. "Stale" means no <em>changed</em> status for <c>G6_SUMMARY_STALE_SEC</c>: a file
/// rewritten with the same bytes is as stale as one left alone. The turn to stale and back is logged
/// once each, at the end of the cycle that sees it.
/// </summary>
public sealed partial class ServiceHealth(SummaryOptions options, TimeProvider timeProvider, Metrics.ISummaryMetrics metrics, ILogger<ServiceHealth> logger)
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
    private bool _reportedStale;

    // A node without a status source (G6_SUMMARY_SOURCE=none) has nothing to be stale about.
    private readonly bool _readsStatus = options.Status.EffectiveSource != StatusSourceKind.None;

    /// <summary>The newest completed cycle (0 before the first, and on a node without a status source).</summary>
    public long Cycle
    {
        get
        {
            lock (_lock)
            {
                return _cycle;
            }
        }
    }

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
        bool stale, turnedStale, turnedFresh;
        double? age;
        lock (_lock)
        {
            _cycle = cycle;
            _failedPanels = failedPanels;
            age = AgeSeconds();
            stale = IsStale(age);
            turnedStale = stale && !_reportedStale;
            turnedFresh = !stale && _reportedStale;
            _reportedStale = stale;
        }

        metrics.StatusFreshness(stale, age);

        if (turnedStale)
        {
            LogTurnedStale(age is { } seconds ? $"for {seconds:0} s" : "since start", options.Status.StaleAfter.TotalSeconds);
        }
        else if (turnedFresh)
        {
            LogFreshAgain();
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
            var age = AgeSeconds();
            var status = _stopping ? HealthStatus.Stopping
                : !_readsStatus ? HealthStatus.Ok
                : _cycle == 0 ? HealthStatus.Starting
                : IsStale(age) ? HealthStatus.Stale
                : _lastReadFailed || _failedPanels > 0 ? HealthStatus.Degraded
                : HealthStatus.Ok;
            return new HealthReport(status, _cycle, age, _readErrors, _lastReadFailed ? _lastReadError : null,
                _failedPanels, timeProvider.GetElapsedTime(_startedAt).TotalSeconds);
        }
    }

    private double? AgeSeconds() => _lastGoodRead == 0 ? null : timeProvider.GetElapsedTime(_lastGoodRead).TotalSeconds;

    private bool IsStale(double? age) => age is null || age > options.Status.StaleAfter.TotalSeconds;
}
