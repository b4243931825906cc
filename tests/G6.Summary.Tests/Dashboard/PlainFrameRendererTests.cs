using G6.Summary.Cli.Dashboard;
using G6.Summary.Client;

namespace G6.Summary.Tests.Dashboard;

public sealed class PlainFrameRendererTests
{
    [Fact]
    public void Render_Frame_HeaderThenPanelsWithToneGutters()
    {
        var panels = Frames.PanelsOf("runtime_status.json");
        var frame = FrameBuilder.Build(Frames.Snapshot(panels, ConnectionState.Reconnecting, "cannot connect"), Frames.Now);

        var text = PlainFrameRenderer.Render(frame, Frames.Now);

        var lines = text.Split('\n');
        Assert.Equal("=== 2025-10-17 09:15:00Z  RECONNECTING  http://127.0.0.1:9320  server 0.1.0 epoch 1eba1322  cycle 57  updated 2.0 s ago ===", lines[0]);
        Assert.Equal("! cannot connect", lines[1]);
        Assert.Contains("  [Indices]", lines);
        Assert.Contains("    Cycle: 40105", lines);
    }

    [Fact]
    public void Build_UpdateOlderThanStaleThreshold_AgeMarkedBad()
    {
        var snapshot = Frames.Snapshot([]) with { LastUpdateAt = Frames.Now.AddSeconds(-20) };

        var frame = FrameBuilder.Build(snapshot, Frames.Now);

        Assert.Equal(Tone.Bad, frame.Header.AgeTone);
        Assert.Equal("20 s ago", frame.Header.Age);
    }

    [Fact]
    public void ChangeKey_HeartbeatOnlyMovesCycleAndTime_Unchanged()
    {
        var before = Frames.Snapshot([]);
        var after = before with { Cycle = 99, LastUpdateAt = Frames.Now };

        Assert.Equal(before.ChangeKey, after.ChangeKey);
        Assert.NotEqual(before.ChangeKey, (before with { Digest = "other" }).ChangeKey);
        Assert.NotEqual(before.ChangeKey, (before with { State = ConnectionState.Stale }).ChangeKey);
    }
}
