using G6.Summary.Cli.Dashboard;
using G6.Summary.Client;
using G6.Summary.Panels;
using G6.Summary.Protocol;
using G6.Summary.Snapshot;
using G6.Summary.Tests.TestSupport;

namespace G6.Summary.Tests.Dashboard;

/// <summary>Dashboard inputs built from the real status fixtures and panel providers.</summary>
internal static class Frames
{
    public static readonly DateTimeOffset Now = new(2025, 10, 17, 9, 15, 0, TimeSpan.Zero);

    public static IReadOnlyList<SummaryPanel> PanelsOf(string fixture)
    {
        var reading = StatusSnapshotReader.Read(Fixtures.ReadStatus(fixture));
        return [.. PanelRegistry.CreateDefault().BuildAll(reading.Snapshot!).Panels
            .Select(p => new SummaryPanel(p.Key, p.Title, p.Lines, PanelHasher.HashPanel(p.Key, p.Title, p.Lines)))];
    }

    public static DashSnapshot Snapshot(IReadOnlyList<SummaryPanel> panels, ConnectionState state = ConnectionState.Live, string? problem = null) =>
        new("http://127.0.0.1:9320", state, problem, "server 0.1.0 epoch 1eba1322", 57, Now.AddSeconds(-2), TimeSpan.FromSeconds(15), panels, null, "digest");

    public static DashFrame Frame(string fixture = "runtime_status.json") => FrameBuilder.Build(Snapshot(PanelsOf(fixture)), Now);
}
