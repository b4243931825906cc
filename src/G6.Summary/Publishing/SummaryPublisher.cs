using System.Collections.Immutable;
using G6.Summary.Configuration;
using G6.Summary.Protocol;

namespace G6.Summary.Publishing;

/// <summary>
/// Decides what each cycle publishes: at most one event. Changed panels give <c>panel_update</c>
/// (or <c>panel_diff</c>); otherwise a pending problem gives <c>error</c>; otherwise, after
/// <see cref="StreamingOptions.HeartbeatCycles"/> idle cycles in a row, <c>heartbeat</c>.
/// Called only by the summary loop (one thread at a time); never waits on a client. The event's seq
/// is the log's next; if the log refuses it (another writer got there first) nothing is published
/// this cycle and the next one is built on the log's new head.
/// </summary>
public sealed class SummaryPublisher(SummaryOptions options, IEventLog log, EventEncoder encoder, TimeProvider timeProvider)
{
    private int _idleCycles;
    private long _seenSeq;
    private string? _seenEpoch;
    private string? _pendingProblem;
    private long _panelBuilds;
    private long _panelHits;

    /// <summary>Share of panel builds whose hash was unchanged since the previous cycle.</summary>
    public double HitRatio => _panelBuilds == 0 ? 0 : (double)_panelHits / _panelBuilds;

    /// <summary>The cycle's event, or null when it published none (nothing due, or the log refused it).</summary>
    public async ValueTask<PublishedEvent?> PublishAsync(CycleReport report, CancellationToken cancellationToken) =>
        (await PublishCoreAsync(report, cancellationToken)).Event;

    /// <summary>
    /// Like <see cref="PublishAsync"/> but says why no event came: <see cref="PublishOutcome.Refused"/>
    /// when the log's head moved (another writer), so a pushed status can be built again on the new head.
    /// </summary>
    public ValueTask<PublishOutcome> PublishWithOutcomeAsync(CycleReport report, CancellationToken cancellationToken) =>
        PublishCoreAsync(report, cancellationToken);

    private async ValueTask<PublishOutcome> PublishCoreAsync(CycleReport report, CancellationToken cancellationToken)
    {
        var previous = log.Current;
        if (previous.Seq != _seenSeq || !string.Equals(previous.Epoch, _seenEpoch, StringComparison.Ordinal))
        {
            // Another node appended (a shared log): its event restarts the idle count, so nodes that
            // all see a quiet status do not each send their own heartbeat.
            _idleCycles = 0;
            _seenSeq = previous.Seq;
            _seenEpoch = previous.Epoch;
        }

        // An unchanged panel keeps the previous state's instance, so the states the log holds (one per
        // event, for subset streams) share everything but what changed.
        var panels = report.Panels.Select(HashPanel)
            .Select(p => previous.ByKey.TryGetValue(p.Key, out var old) && old.Hash == p.Hash ? old : p)
            .ToImmutableArray();
        var changed = new List<string>();
        foreach (var panel in panels)
        {
            _panelBuilds++;
            if (previous.ByKey.TryGetValue(panel.Key, out var old) && old.Hash == panel.Hash)
            {
                _panelHits++;
            }
            else
            {
                changed.Add(panel.Key);
            }
        }

        if (report.Problem is not null)
        {
            _pendingProblem = report.Problem;
        }

        var seq = previous.Seq + 1;
        var ts = encoder.Now();
        if (changed.Count > 0 || panels.Length != previous.Panels.Length)
        {
            _idleCycles = 0;
            var digest = PanelHasher.Digest(panels.Select(p => KeyValuePair.Create(p.Key, p.Hash)));
            var state = new PublishedState(previous.Epoch, seq, report.Cycle, ts, panels, digest) { Source = report.Source };
            return await AppendAsync(state, [.. changed], encoder.Update(state, changed, ts), cancellationToken);
        }

        if (report.ContentOnly)
        {
            return PublishOutcome.Nothing(previous);
        }

        _idleCycles++;
        if (_pendingProblem is { } problem)
        {
            // An error takes this cycle's one event; a heartbeat that falls due now goes out next cycle.
            _pendingProblem = null;
            var state = previous.Advance(seq, report.Cycle, ts);
            var published = await AppendAsync(state, [], encoder.Error(state, problem), cancellationToken);
            if (published.Event is null)
            {
                _pendingProblem ??= problem;
            }

            return published;
        }

        if (_idleCycles >= options.Streaming.HeartbeatCycles)
        {
            _idleCycles = 0;
            var state = previous.Advance(seq, report.Cycle, ts);
            return await AppendAsync(state, [], encoder.Heartbeat(state, HitRatio), cancellationToken);
        }

        return PublishOutcome.Nothing(previous);
    }

    private async ValueTask<PublishOutcome> AppendAsync(PublishedState state, ImmutableArray<string> changed, EventFrame frame, CancellationToken cancellationToken)
    {
        var evt = new PublishedEvent(state.Epoch, state.Seq, state.Cycle, frame.Name, changed, frame.Bytes, timeProvider.GetTimestamp()) { StateAfter = state };
        if (!await log.TryAppendAsync(evt, state, cancellationToken))
        {
            return PublishOutcome.RefusedAt(log.Current);
        }

        _seenSeq = evt.Seq;
        return PublishOutcome.Appended(evt, state);
    }

    private static Panel HashPanel(Panels.PanelContent content) =>
        new(content.Key, content.Title, content.Lines, PanelHasher.HashPanel(content.Key, content.Title, content.Lines));
}
