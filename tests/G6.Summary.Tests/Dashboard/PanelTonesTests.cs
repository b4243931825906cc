using G6.Summary.Cli.Dashboard;
using G6.Summary.Panels;

namespace G6.Summary.Tests.Dashboard;

public sealed class PanelTonesTests
{
    [Theory]
    [InlineData("NIFTY      19,980.40  +0.10% ok            3s   100,542  94.47      0", Tone.Normal)]
    [InlineData("MIDCPNIFTY 11,371.68  +0.19% warn          3s     3,425  70.81      6", Tone.Bad)]
    [InlineData("FINNIFTY   21,414.46  -0.17% ok       5m 03s     4,019  85.00      0", Tone.Warning)]
    [InlineData("SENSEX     72,907.31  -0.26% stale    1h 02m     4,277  92.07      0", Tone.Warning)]
    [InlineData("SENSEX     72,907.31  -0.26% error         0s     4,277  92.07      0", Tone.Bad)]
    [InlineData("SENSEX     72,907.31  -0.26% closed        0s         0      —      —", Tone.Info)]
    [InlineData("Index            LTP    Chg% Status       Age      Legs    DQ% Issues", Tone.Normal)]
    public void Classify_IndexRows_StatusAndDataQualityColourTheRow(string line, Tone expected)
    {
        Assert.Equal(expected, PanelTones.Classify(PanelKeys.Indices, line));
    }

    [Theory]
    [InlineData(PanelKeys.Alerts, "2025-10-17 16:32:57Z CRITICAL NIFTY: feed down", Tone.Bad)]
    [InlineData(PanelKeys.Alerts, "2025-10-17 16:32:57Z WARNING MIDCPNIFTY: data quality 72.96% below 80%", Tone.Warning)]
    [InlineData(PanelKeys.Alerts, "2025-10-17 16:32:57Z INFO config reloaded", Tone.Normal)]
    [InlineData(PanelKeys.Alerts, "— ERROR disk full", Tone.Bad)]
    [InlineData(PanelKeys.Alerts, "By severity: critical 1, warning 2", Tone.Normal)]
    [InlineData(PanelKeys.Header, "Market: CLOSED", Tone.Info)]
    [InlineData(PanelKeys.Header, "Market: OPEN (F&O)", Tone.Normal)]
    [InlineData(PanelKeys.Loop, "Success rate: 96.2%", Tone.Normal)]
    [InlineData(PanelKeys.Loop, "Success rate: 91.0%", Tone.Warning)]
    [InlineData(PanelKeys.Loop, "Success rate: 42.0%", Tone.Bad)]
    [InlineData(PanelKeys.Performance, "API success rate: —", Tone.Normal)]
    [InlineData(PanelKeys.Resources, "CPU: 93.1%", Tone.Bad)]
    [InlineData(PanelKeys.Resources, "CPU: 7.3%", Tone.Normal)]
    [InlineData(PanelKeys.Health, "collector: ok (checked 2025-10-17 16:32:57Z)", Tone.Normal)]
    [InlineData(PanelKeys.Health, "provider: down", Tone.Bad)]
    [InlineData(PanelKeys.Health, "Readiness: not ready (warming up)", Tone.Bad)]
    [InlineData(PanelKeys.Health, "Auth: invalid", Tone.Bad)]
    [InlineData(PanelKeys.Links, PanelRegistry.FailedLine, Tone.Bad)]
    public void Classify_MeaningfulLines_GetTheirTone(string key, string line, Tone expected)
    {
        Assert.Equal(expected, PanelTones.Classify(key, line));
    }

    [Fact]
    public void Build_ClosedMarketFixture_InfoLineButNoAlarmOnThePanel()
    {
        var frame = Frames.Frame("runtime_status_closed.json");

        var header = frame.Panels.Single(p => p.Key == PanelKeys.Header);
        Assert.Contains(header.Lines, l => l.Tone == Tone.Info);
        Assert.Equal(Tone.Normal, header.Tone);
    }
}
