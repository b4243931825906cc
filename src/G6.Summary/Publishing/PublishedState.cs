using System.Collections.Frozen;
using System.Collections.Immutable;
using G6.Summary.Protocol;
using G6.Summary.Snapshot;

namespace G6.Summary.Publishing;

/// <summary>
/// The published state after event <see cref="Seq"/>: what a client holds once it has applied every
/// event up to and including that seq. Immutable; the publisher swaps in a new instance per event,
/// so readers (streams, resync) never see a half-updated state.
/// </summary>
public sealed class PublishedState
{
    // Per-state encodings shared by every stream that opens while this state is current
    // (encode once: a reconnect storm of N clients costs one encoding, not N).
    internal EventFrame? HelloFreshFrame;
    internal EventFrame? HelloResumedFrame;
    internal EventFrame? FullSnapshotFrame;

    public PublishedState(string epoch, long seq, long cycle, double ts, ImmutableArray<Panel> panels, string digest)
    {
        Epoch = epoch;
        Seq = seq;
        Cycle = cycle;
        Ts = ts;
        Panels = panels;
        Digest = digest;
        ByKey = panels.ToFrozenDictionary(p => p.Key, StringComparer.Ordinal);
    }

    public string Epoch { get; }

    public long Seq { get; }

    public long Cycle { get; }

    /// <summary>Emit time of the event that produced this state, Unix epoch milliseconds.</summary>
    public double Ts { get; }

    /// <summary>Panels in display order.</summary>
    public ImmutableArray<Panel> Panels { get; }

    public FrozenDictionary<string, Panel> ByKey { get; }

    public string Digest { get; }

    /// <summary>The status document the panels were built from (what a shared log orders changes by).</summary>
    public StatusVersion Source { get; init; }

    /// <summary>The <c>id:</c> of an event at this state's seq.</summary>
    public string EventId => FormatEventId(Epoch, Seq);

    public static PublishedState Initial(string epoch) =>
        new(epoch, 0, 0, 0, [], PanelHasher.Digest([]));

    /// <summary>Same panels, new position (heartbeat, error).</summary>
    public PublishedState Advance(long seq, long cycle, double ts) =>
        new(Epoch, seq, cycle, ts, Panels, Digest) { Source = Source };

    public static string FormatEventId(string epoch, long seq) => $"{epoch}-{seq}";
}
