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
/// A pushed status (<see cref="PublishPushedAsync"/>) is a cycle of its own, run at once; one gate keeps
/// timed and pushed cycles apart, since the publisher has one caller at a time.
/// </summary>
public sealed partial class SummaryLoop(
    SummaryOptions options,
    IStatusSource source,
    PanelRegistry panels,
    SummaryPublisher publisher,
    IEventLog log,
    ServiceHealth health,
    ISummaryMetrics metrics,
    TimeProvider timeProvider,
    ILogger<SummaryLoop> logger) : BackgroundService
{
    // A pushed status is built again on the log's new head when another writer appended first; past
    // this many tries in a row the push is answered 503 and the collector retries.
    private const int PushAttempts = 3;

    private readonly SemaphoreSlim _gate = new(1, 1);
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
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await RunTimedCycleAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Publishes a pushed status now, as one cycle: the panels it changed become one update (none when it
    /// changed nothing; never a heartbeat or an error). Returns once the event is in the log, with the
    /// state after it; <see cref="PublishOutcome.Refused"/> when the log's head kept moving under it.
    /// </summary>
    public async Task<PublishOutcome> PublishPushedAsync(StatusSnapshot snapshot, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var started = timeProvider.GetTimestamp();
            var cycle = Interlocked.Increment(ref _cycle);
            _snapshot = snapshot;
            health.GoodRead();
            EndFailureStreak();
            var build = BuildPanels(null, out var problem);
            PublishOutcome outcome;
            var attempt = 0;
            do
            {
                outcome = await publisher.PublishWithOutcomeAsync(new CycleReport(cycle, build.Panels, problem, StatusVersion.Of(_snapshot), ContentOnly: true), cancellationToken);
            }
            while (outcome.Refused && ++attempt < PushAttempts);

            Published(outcome.Event);
            health.CycleCompleted(cycle, build.FailedKeys.Count);
            metrics.CycleCompleted(timeProvider.GetElapsedTime(started));
            return outcome;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task RunTimedCycleAsync(CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var cycle = Interlocked.Increment(ref _cycle);
        var problem = await ReadStatusAsync(cancellationToken);

        if (source is PushStatusSource && log.Current.Panels.Length > 0)
        {
            // Pushed status changes only by a push: a timed cycle carries the log's panels as they are
            // (heartbeats, errors), so on several nodes sharing one log a node that did not get the last
            // push never publishes its older copy over it.
            var carried = log.Current.Panels.Select(p => new PanelContent(p.Key, p.Title, p.Lines)).ToArray();
            Published(await publisher.PublishAsync(new CycleReport(cycle, carried, problem, StatusVersion.Of(_snapshot)), cancellationToken));
            health.CycleCompleted(cycle, _failedPanels.Count);
            metrics.CycleCompleted(timeProvider.GetElapsedTime(started));
            return;
        }

        var build = BuildPanels(problem, out problem);
        Published(await publisher.PublishAsync(new CycleReport(cycle, build.Panels, problem, StatusVersion.Of(_snapshot)), cancellationToken));
        health.CycleCompleted(cycle, build.FailedKeys.Count);
        metrics.CycleCompleted(timeProvider.GetElapsedTime(started));
    }

    /// <summary>Builds every panel from the current snapshot; a panel's first failure of a streak becomes the problem.</summary>
    private PanelBuildResult BuildPanels(string? readProblem, out string? problem)
    {
        problem = readProblem;
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
        return build;
    }

    private void Published(PublishedEvent? evt)
    {
        if (evt is null)
        {
            return;
        }

        metrics.EventPublished(evt.Name, evt.Frame.Length);
        foreach (var key in evt.ChangedKeys)
        {
            metrics.PanelUpdated(key);
        }
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
