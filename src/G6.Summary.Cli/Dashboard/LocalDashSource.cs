using G6.Summary.Client;
using G6.Summary.Panels;
using G6.Summary.Protocol;
using G6.Summary.Snapshot;
using G6.Summary.Status;
using Microsoft.Extensions.Logging.Abstractions;

namespace G6.Summary.Cli.Dashboard;

/// <summary>
/// A status file read directly, without a server: the same file source and panel providers as the service,
/// polled every <c>refresh</c>. Read states map onto connection states: LIVE while fresh content keeps
/// arriving, STALE when the file is unreadable or has not changed for the stale window.
/// </summary>
public sealed class LocalDashSource(string path, TimeSpan refresh, TimeSpan staleAfter, TimeProvider time) : IDashSource
{
    private readonly PanelRegistry _registry = PanelRegistry.CreateDefault();
    private volatile DashSnapshot _current = new($"file {path}", ConnectionState.Connecting, null, "local, no server", null, null, staleAfter, [], null, string.Empty);

    public DashSnapshot Current => _current;

    public async Task RunAsync(Action changed, CancellationToken cancellationToken)
    {
        var snapshot = StatusSnapshot.Empty;
        DateTimeOffset? lastFresh = null;
        string? problem = null;
        long polls = 0;
        using var file = new FileStatusSource(path, Configuration.StatusOptions.DefaultMaxBytes, time, NullLogger<FileStatusSource>.Instance);
        using var timer = new PeriodicTimer(refresh, time);
        try
        {
            do
            {
                var reading = await file.ReadAsync(cancellationToken);
                polls++;
                switch (reading.Outcome)
                {
                    case StatusReadOutcome.Fresh:
                        snapshot = reading.Snapshot!;
                        lastFresh = time.GetUtcNow();
                        problem = null;
                        break;
                    case StatusReadOutcome.Failed:
                        problem = $"status unreadable ({reading.Failure!.Reason}): {reading.Failure.Message}; showing the last good state";
                        break;
                    default:
                        problem = null;
                        break;
                }

                var next = Build(snapshot, lastFresh, problem, polls);
                if (next.ChangeKey != _current.ChangeKey || next.State != _current.State)
                {
                    _current = next;
                    changed();
                }
                else
                {
                    _current = next;
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Quit.
        }
    }

    private DashSnapshot Build(StatusSnapshot snapshot, DateTimeOffset? lastFresh, string? problem, long polls)
    {
        var panels = _registry.BuildAll(snapshot).Panels
            .Select(p => new SummaryPanel(p.Key, p.Title, p.Lines, PanelHasher.HashPanel(p.Key, p.Title, p.Lines)))
            .ToArray();
        var digest = PanelHasher.Digest(panels.Select(p => KeyValuePair.Create(p.Key, p.Hash)));
        var state = lastFresh is null
            ? (problem is null ? ConnectionState.Connecting : ConnectionState.Stale)
            : problem is not null || time.GetUtcNow() - lastFresh.Value >= staleAfter ? ConnectionState.Stale : ConnectionState.Live;
        var note = problem ?? (state == ConnectionState.Stale ? $"no new status for over {FrameBuilder.Age(staleAfter)}" : null);
        return new DashSnapshot($"file {path}", state, note, "local, no server", polls, lastFresh, staleAfter, panels, null, digest);
    }
}
