using G6.Summary.Configuration;
using G6.Summary.Metrics;
using G6.Summary.Panels;
using G6.Summary.Publishing;
using G6.Summary.Snapshot;
using G6.Summary.Status;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace G6.Summary.Hosting;

/// <summary>
/// The summary loop: every <see cref="StatusOptions.RefreshInterval"/> it reads the status, builds
/// the panels and hands them to the publisher. The first cycle runs before the server starts
/// listening, so no client ever sees an empty state. A <see cref="PeriodicTimer"/> keeps the
/// schedule: a slow cycle delays the next tick, it does not shift every later one (no drift).
/// </summary>
public sealed partial class SummaryLoop(
    SummaryOptions options,
    IStatusSource source,
    PanelRegistry panels,
    SummaryPublisher publisher,
    ServiceHealth health,
    ISummaryMetrics metrics,
    TimeProvider timeProvider,
    ILogger<SummaryLoop> logger) : BackgroundService
{
    private StatusSnapshot _snapshot = StatusSnapshot.Empty;
    private HashSet<string> _failedPanels = new(StringComparer.Ordinal);
    private bool _readFailing;
    private long _cycle;

    public long Cycle => Interlocked.Read(ref _cycle);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RunCycleAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>One cycle: read, build, publish. Public so tests can drive cycles without a timer.</summary>
    public async Task RunCycleAsync(CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var cycle = Interlocked.Increment(ref _cycle);
        var problem = await ReadStatusAsync(cancellationToken);

        var build = panels.BuildAll(_snapshot);
        var failed = new HashSet<string>(build.FailedKeys, StringComparer.Ordinal);
        foreach (var key in failed)
        {
            metrics.PanelFailed(key);
            if (!_failedPanels.Contains(key))
            {
                problem ??= $"panel {key} failed to build; showing its error panel";
            }
        }

        _failedPanels = failed;
        var evt = await publisher.PublishAsync(new CycleReport(cycle, build.Panels, problem), cancellationToken);
        if (evt is not null)
        {
            metrics.EventPublished(evt.Name, evt.Frame.Length);
            foreach (var key in evt.ChangedKeys)
            {
                metrics.PanelUpdated(key);
            }
        }

        health.CycleCompleted(cycle, failed.Count);
        metrics.CycleCompleted(timeProvider.GetElapsedTime(started));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Status.RefreshInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RunCycleAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Normal stop.
        }
    }

    /// <summary>Reads the status; returns an error message for the first failure of a streak.</summary>
    private async Task<string?> ReadStatusAsync(CancellationToken cancellationToken)
    {
        StatusReading reading;
        try
        {
            reading = await source.ReadAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Sources should not throw; if one does, treat it as an I/O failure and keep the last good state.
            reading = StatusReading.Failed(StatusReadFailureReasons.IoError, "status source failed");
            LogSourceThrew(ex.GetType().Name);
        }

        switch (reading.Outcome)
        {
            case StatusReadOutcome.Fresh:
                _snapshot = reading.Snapshot!;
                health.GoodRead();
                EndFailureStreak();
                return null;
            case StatusReadOutcome.Unchanged:
                health.ReadUnchanged();
                EndFailureStreak();
                return null;
            default:
                var failure = reading.Failure!;
                metrics.StatusReadFailed(failure.Reason);
                health.ReadFailed(failure.Reason);
                if (_readFailing)
                {
                    return null;
                }

                _readFailing = true;
                LogReadFailing(failure.Reason, failure.Message);
                return $"status unreadable ({failure.Reason}): {failure.Message}; showing the last good state";
        }
    }

    private void EndFailureStreak()
    {
        if (_readFailing)
        {
            _readFailing = false;
            LogReadRecovered();
        }
    }
}
