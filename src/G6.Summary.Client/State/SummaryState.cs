using System.Globalization;
using G6.Summary.Protocol;

namespace G6.Summary.Client;

/// <summary>
/// What a client holds: the panels, the seq of the last applied event and whether the state is verified.
/// A pure, synchronous state machine: <see cref="Apply"/> takes one parsed event and says what happened;
/// it never performs I/O, so every rule of PROTOCOL.md ("Hashes and digest", "Resume and resync") can be
/// tested with scripted event sequences. Not thread-safe: one owner applies events.
/// </summary>
/// <remarks>
/// When the state cannot be trusted (a hash or digest mismatch, <c>truncated</c>, an unexplained gap) it is
/// marked unsynchronized and <see cref="ApplyOutcome.ResyncNeeded"/> is returned. The panels are kept, so a
/// display can go on showing the last known content while the owner fetches <c>/summary/resync</c> and
/// applies it (a <see cref="FullSnapshotEvent"/>).
/// </remarks>
public sealed class SummaryState
{
    private readonly Dictionary<string, SummaryPanel> _panels = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private SummaryPanel[]? _panelList;
    private string? _digest;

    /// <summary>
    /// True for a panel-subset stream: the server skips events that change none of its panels, so a seq gap
    /// before an update, heartbeat or error is expected; the digest (over the panels held) still decides.
    /// </summary>
    public bool SeqGapsExpected { get; init; }

    /// <summary>The server epoch of the state, or null before the first snapshot.</summary>
    public string? Epoch { get; private set; }

    /// <summary>Seq of the last applied event (0 before the first snapshot).</summary>
    public long Seq { get; private set; }

    /// <summary>Server cycle of the last applied event.</summary>
    public long Cycle { get; private set; }

    /// <summary>Server emit time (Unix ms) of the last applied event.</summary>
    public double Ts { get; private set; }

    /// <summary>
    /// True when the panels are verified up to <see cref="Seq"/>: the digest matched after the last event that
    /// carried one and no gap is unexplained. Only a synchronized state may resume with <c>Last-Event-ID</c>.
    /// </summary>
    public bool IsSynchronized { get; private set; }

    /// <summary>The last <c>hello</c> received (server version, heartbeat cadence, diff mode).</summary>
    public HelloEvent? Hello { get; private set; }

    /// <summary>The last <c>error</c> event received, if any.</summary>
    public ServerErrorEvent? LastError { get; private set; }

    /// <summary>The value to send as <c>Last-Event-ID</c> to resume, or null when the state cannot be resumed.</summary>
    public string? LastEventId =>
        IsSynchronized && Epoch is not null ? string.Create(CultureInfo.InvariantCulture, $"{Epoch}-{Seq}") : null;

    /// <summary>Panels in the server's display order (the order of the last snapshot; new keys last).</summary>
    public IReadOnlyList<SummaryPanel> Panels => _panelList ??= [.. _order.Select(k => _panels[k])];

    /// <summary>The digest of the panels held, computed as PROTOCOL.md defines it.</summary>
    public string Digest => _digest ??= PanelHasher.Digest(_panels.Select(p => KeyValuePair.Create(p.Key, p.Value.Hash)));

    /// <summary>Looks up one panel by key.</summary>
    public bool TryGetPanel(string key, out SummaryPanel panel) => _panels.TryGetValue(key, out panel!);

    /// <summary>Marks the state unverified (it keeps its panels for display); the next stream must start fresh or a resync must follow.</summary>
    public void Invalidate() => IsSynchronized = false;

    /// <summary>Applies one event and reports what happened.</summary>
    public ApplyResult Apply(SummaryEvent evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        switch (evt)
        {
            case HelloEvent hello:
                return ApplyHello(hello);
            case FullSnapshotEvent snapshot:
                return ApplySnapshot(snapshot);
            case ByeEvent bye:
                return ApplyResult.Restart(bye.Reason);
            case UnknownEvent { Seq: 0 } unknown:
                return ApplyResult.Ignored($"unknown event {unknown.EventName} without seq");
            case TruncatedEvent truncated:
                // Whatever the state, the content of this seq is unknown; even a hello can be truncated
                // when its panel list exceeds the server's event limit.
                return truncated.Seq <= Seq && IsSynchronized
                    ? ApplyResult.Ignored($"{truncated.Name} seq {truncated.Seq} is not after {Seq}")
                    : Fail(ResyncReason.Truncated,
                        $"{truncated.OriginalEvent} seq {truncated.Seq} was {truncated.Bytes} bytes, over the limit of {truncated.Limit}");
        }

        if (!IsSynchronized)
        {
            return ApplyResult.Resync(ResyncReason.NoSnapshot, $"{evt.Name} seq {evt.Seq} arrived without a verified state");
        }

        if (evt.Seq <= Seq)
        {
            // A replay overlapping a resync, or a duplicate: the state already contains it.
            return ApplyResult.Ignored($"{evt.Name} seq {evt.Seq} is not after {Seq}");
        }

        return evt switch
        {
            PanelUpdateEvent update => ApplyUpdate(update),
            HeartbeatEvent heartbeat => ApplyHeartbeat(heartbeat),
            ServerErrorEvent error => ApplyError(error),
            _ => ApplyUnknown(evt),
        };
    }

    private ApplyResult ApplyHello(HelloEvent hello)
    {
        Hello = hello;
        if (hello.Resumed && IsSynchronized && string.Equals(hello.Epoch, Epoch, StringComparison.Ordinal))
        {
            // The server replays everything after our seq. Its hello describes its current state, which can
            // be checked only when nothing was published meanwhile.
            if (hello.Seq < Seq)
            {
                return Fail(ResyncReason.SeqGap, $"resumed at seq {Seq} but the server is at {hello.Seq}");
            }

            if (hello.Seq == Seq && !string.Equals(hello.Digest, Digest, StringComparison.Ordinal))
            {
                return Fail(ResyncReason.DigestMismatch, $"resumed at seq {Seq} with a different digest");
            }

            return ApplyResult.Applied([]);
        }

        // A fresh stream: a full_snapshot follows. Until it arrives nothing can be verified.
        IsSynchronized = false;
        return ApplyResult.Applied([]);
    }

    private ApplyResult ApplySnapshot(FullSnapshotEvent snapshot)
    {
        var invalid = snapshot.Panels.FirstOrDefault(p => !p.HasValidHash());
        if (invalid is not null)
        {
            return Fail(ResyncReason.HashMismatch, $"panel {invalid.Key} in {snapshot.Name} seq {snapshot.Seq} does not match its hash");
        }

        var changed = new List<string>();
        var incoming = new HashSet<string>(StringComparer.Ordinal);
        foreach (var panel in snapshot.Panels)
        {
            incoming.Add(panel.Key);
            if (!_panels.TryGetValue(panel.Key, out var old) || !string.Equals(old.Hash, panel.Hash, StringComparison.Ordinal))
            {
                changed.Add(panel.Key);
            }
        }

        changed.AddRange(_order.Where(k => !incoming.Contains(k)));
        _panels.Clear();
        _order.Clear();
        foreach (var panel in snapshot.Panels)
        {
            if (_panels.TryAdd(panel.Key, panel))
            {
                _order.Add(panel.Key);
            }
        }

        Epoch = snapshot.Epoch;
        Moved(snapshot);
        return Verify(snapshot, snapshot.Digest, changed, ResyncReason.DigestMismatch);
    }

    private ApplyResult ApplyUpdate(PanelUpdateEvent update)
    {
        var expected = Seq + 1;

        // On a throttled stream one update stands for several published events (coalesced: N); the seq jump
        // is then expected and the digest decides. Any other jump means events were lost.
        if (update.Seq != expected && update.Coalesced is null && !SeqGapsExpected)
        {
            return Fail(ResyncReason.SeqGap, $"expected seq {expected}, got {update.Name} seq {update.Seq}");
        }

        var invalid = update.Panels.FirstOrDefault(p => !p.HasValidHash());
        if (invalid is not null)
        {
            return Fail(ResyncReason.HashMismatch, $"panel {invalid.Key} in {update.Name} seq {update.Seq} does not match its hash");
        }

        var changed = new List<string>(update.Panels.Count);
        foreach (var panel in update.Panels)
        {
            if (_panels.TryGetValue(panel.Key, out var old))
            {
                if (!string.Equals(old.Hash, panel.Hash, StringComparison.Ordinal))
                {
                    changed.Add(panel.Key);
                }
            }
            else
            {
                _order.Add(panel.Key);
                changed.Add(panel.Key);
            }

            _panels[panel.Key] = panel;
        }

        Moved(update);
        return Verify(update, update.Digest, changed, ResyncReason.DigestMismatch);
    }

    private ApplyResult ApplyHeartbeat(HeartbeatEvent heartbeat)
    {
        // A heartbeat may skip seqs on a throttled stream (the server sends only the latest of several
        // heartbeats or errors that changed no panel); its digest says whether we are still right.
        Moved(heartbeat);
        return Verify(heartbeat, heartbeat.Digest, [], ResyncReason.DigestMismatch);
    }

    private ApplyResult ApplyError(ServerErrorEvent error)
    {
        if (error.Seq != Seq + 1 && !SeqGapsExpected)
        {
            // An error carries no digest, so a jump before it cannot be vouched for.
            return Fail(ResyncReason.SeqGap, $"expected seq {Seq + 1}, got {error.Name} seq {error.Seq}");
        }

        LastError = error;
        Moved(error);
        return ApplyResult.Applied([]);
    }

    private ApplyResult ApplyUnknown(SummaryEvent evt)
    {
        if (evt.Seq != Seq + 1 && !SeqGapsExpected)
        {
            return Fail(ResyncReason.SeqGap, $"expected seq {Seq + 1}, got {evt.Name} seq {evt.Seq}");
        }

        Moved(evt);
        return ApplyResult.Applied([]);
    }

    private void Moved(SummaryEvent evt)
    {
        Seq = evt.Seq;
        Cycle = evt.Cycle;
        Ts = evt.Ts;
        _panelList = null;
        _digest = null;
    }

    private ApplyResult Verify(SummaryEvent evt, string serverDigest, List<string> changed, ResyncReason reason)
    {
        if (!string.Equals(Digest, serverDigest, StringComparison.Ordinal))
        {
            IsSynchronized = false;
            return new ApplyResult(ApplyOutcome.ResyncNeeded, reason, changed, $"digest differs from the server's after {evt.Name} seq {evt.Seq}");
        }

        IsSynchronized = true;
        return ApplyResult.Applied(changed);
    }

    private ApplyResult Fail(ResyncReason reason, string detail)
    {
        IsSynchronized = false;
        return ApplyResult.Resync(reason, detail);
    }
}
