using G6.Summary.Cli.Dashboard;
using G6.Summary.Panels;
using Spectre.Console;

namespace G6.Summary.Tests.Dashboard;

public sealed class FrameLayoutTests
{
    [Fact]
    public void Compute_160By50_EveryPanelInFullOnTwoColumns()
    {
        var frame = Frames.Frame();

        var layout = FrameLayout.Compute(frame.Panels, 160, 48);

        Assert.Equal([80, 80], layout.ColumnWidths);
        Assert.All(layout.Columns.SelectMany(c => c), p => Assert.Equal(0, p.HiddenLines));
        Assert.Equal(frame.Panels.Select(p => p.Key).Order(), layout.Columns.SelectMany(c => c).Select(p => p.Panel.Key).Order());
        Assert.True(layout.Height <= 48);
    }

    [Theory]
    [InlineData(80, 24)]
    [InlineData(100, 30)]
    [InlineData(40, 15)]
    public void Compute_SmallTerminal_FitsByShorteningTheLeastUrgentPanelsFirst(int width, int height)
    {
        var frame = Frames.Frame();

        var layout = FrameLayout.Compute(frame.Panels, width, height);

        Assert.True(layout.Height <= height || layout.Columns.SelectMany(c => c).All(p => p.Rows == 1));
        var placements = layout.Columns.SelectMany(c => c).ToDictionary(p => p.Panel.Key);
        Assert.True(placements[PanelKeys.Links].Rows <= placements[PanelKeys.Alerts].Rows || placements[PanelKeys.Alerts].HiddenLines == 0);
    }

    [Fact]
    public void Compute_PanelWithWarnings_KeptLongerThanQuietOnes()
    {
        var quiet = new DashPanel("links", "Links", [.. Enumerable.Range(0, 10).Select(i => new DashLine($"l{i}", Tone.Normal))], Tone.Normal);
        var loud = new DashPanel("storage", "Storage", [.. Enumerable.Range(0, 10).Select(i => new DashLine($"s{i}", Tone.Warning))], Tone.Warning);

        var layout = FrameLayout.Compute([quiet, loud], 40, 16);

        var placed = layout.Columns.Single().ToDictionary(p => p.Panel.Key);
        Assert.Equal(10, placed["storage"].Rows);
        Assert.Equal(2, placed["links"].Rows);
        Assert.Equal(9, placed["links"].HiddenLines);
    }

    [Theory]
    [InlineData(160, 50)]
    [InlineData(120, 40)]
    [InlineData(80, 24)]
    [InlineData(220, 30)]
    public void RenderToString_AnySize_NoLineWiderOrTallerThanTheTerminal(int width, int height)
    {
        var frame = Frames.Frame();

        var text = SpectreFrameRenderer.RenderToString(frame, width, height, ColorSystemSupport.NoColors);

        var lines = text.Split("\r\n");
        Assert.InRange(lines.Length, 5, height);
        Assert.All(lines, l => Assert.True(l.Length <= width, $"{l.Length} > {width}: {l}"));
        Assert.StartsWith("G6 summary ● LIVE  http://127.0.0.1:9320", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("Indices", StringComparison.Ordinal));
    }

    [Fact]
    public void RenderToString_160By50_ShowsEveryPanelTitleAndIndexRow()
    {
        var text = SpectreFrameRenderer.RenderToString(Frames.Frame(), 160, 50, ColorSystemSupport.NoColors);

        foreach (var title in new[] { "Overview", "Loop", "Indices", "Analytics", "Alerts", "Resources", "Storage", "Health", "Performance", "Links" })
        {
            Assert.Contains(title, text, StringComparison.Ordinal);
        }

        Assert.Contains("SENSEX     69,902.69", text, StringComparison.Ordinal);
        Assert.DoesNotContain("more", text, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderToString_WithColour_BadLinesInRed()
    {
        var frame = Frames.Frame() with
        {
            Panels = [new DashPanel("alerts", "Alerts", [new DashLine("2025-10-17 16:32:57Z CRITICAL feed down", Tone.Bad)], Tone.Bad)],
        };

        var text = SpectreFrameRenderer.RenderToString(frame, 80, 10, ColorSystemSupport.Standard);

        Assert.Contains("\u001b[1;91m2025-10-17 16:32:57Z CRITICAL feed down", text, StringComparison.Ordinal);
    }
}
