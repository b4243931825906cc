using G6.Summary.Client;
using G6.Summary.Protocol;

namespace G6.Summary.Tests.Client;

/// <summary>
/// The server side of a scripted event sequence: holds panels and a seq, and emits events with the
/// hashes and digests a real server would, so a test can drop, reorder or tamper with them.
/// </summary>
internal sealed class ScriptedServer(string epoch = "e0000001")
{
    private readonly List<string> _order = [];
    private readonly Dictionary<string, SummaryPanel> _panels = new(StringComparer.Ordinal);

    public string Epoch { get; } = epoch;

    public long Seq { get; private set; }

    public long Cycle { get; private set; }

    public string Digest => PanelHasher.Digest(_panels.Select(p => KeyValuePair.Create(p.Key, p.Value.Hash)));

    public static SummaryPanel Panel(string key, string title, params string[] lines) =>
        new(key, title, lines, PanelHasher.HashPanel(key, title, lines));

    /// <summary>A server holding the given panels, as after its first cycle (seq 1).</summary>
    public static ScriptedServer WithPanels(params SummaryPanel[] panels)
    {
        var server = new ScriptedServer();
        foreach (var panel in panels)
        {
            server.Put(panel);
        }

        server.Seq = 1;
        server.Cycle = 1;
        return server;
    }

    public HelloEvent Hello(bool resumed = false) =>
        new(Seq, Cycle, Ts(), 1, Epoch, "0.1.0", resumed, "update", 5, Digest,
            _panels.ToDictionary(p => p.Key, p => p.Value.Hash, StringComparer.Ordinal));

    public FullSnapshotEvent Snapshot() => new(Seq, Cycle, Ts(), Epoch, Digest, [.. _order.Select(k => _panels[k])]);

    /// <summary>Publishes a change of the given panels; returns the panel_update a stream would carry.</summary>
    public PanelUpdateEvent Update(params SummaryPanel[] changed)
    {
        foreach (var panel in changed)
        {
            Put(panel);
        }

        Next();
        return new PanelUpdateEvent(Seq, Cycle, Ts(), changed, Digest, Coalesced: null, Structured: false);
    }

    public HeartbeatEvent Heartbeat()
    {
        Next();
        return new HeartbeatEvent(Seq, Cycle, Ts(), Digest, 0.9);
    }

    public ServerErrorEvent Error(string message)
    {
        Next();
        return new ServerErrorEvent(Seq, Cycle, Ts(), message, true);
    }

    public TruncatedEvent Truncated(params SummaryPanel[] changed)
    {
        foreach (var panel in changed)
        {
            Put(panel);
        }

        Next();
        return new TruncatedEvent(Seq, Cycle, Ts(), EventNames.PanelUpdate, 300_000, 262_144);
    }

    public ByeEvent Bye() => new(Seq, Cycle, Ts(), "shutdown");

    private void Put(SummaryPanel panel)
    {
        if (!_panels.ContainsKey(panel.Key))
        {
            _order.Add(panel.Key);
        }

        _panels[panel.Key] = panel;
    }

    private void Next()
    {
        Seq++;
        Cycle++;
    }

    private double Ts() => 1_760_000_000_000 + (Cycle * 1000.0);
}
