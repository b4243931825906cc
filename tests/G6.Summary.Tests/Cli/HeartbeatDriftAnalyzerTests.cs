using G6.Summary.Cli.Diagnostics;

namespace G6.Summary.Tests.Cli;

public sealed class HeartbeatDriftAnalyzerTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void Report_OnScheduleHeartbeats_NoDriftAndPasses()
    {
        var analyzer = new HeartbeatDriftAnalyzer(Second, 5);
        for (var i = 0; i < 60; i++)
        {
            analyzer.OnHeartbeat(6 + (5 * i), 1_000_000 + (5000.0 * i), 200 + (5000.0 * i) + (i % 3));
        }

        var report = analyzer.Report();
        Assert.Equal(60, report.Heartbeats);
        Assert.Equal(0, report.MaxServerDriftCycles, 6);
        Assert.True(report.MaxClientDriftCycles < 0.01);
        Assert.True(report.Passed);
    }

    [Fact]
    public void Report_LoopFallsBehind_DriftMeasuredInCycles()
    {
        var analyzer = new HeartbeatDriftAnalyzer(Second, 5);
        analyzer.OnHeartbeat(6, 0, 0);
        analyzer.OnHeartbeat(11, 5000, 5000);
        analyzer.OnHeartbeat(16, 12_500, 12_500);

        var report = analyzer.Report();
        Assert.Equal(2.5, report.MaxServerDriftCycles, 6);
        Assert.False(report.Passed);
    }

    [Fact]
    public void Report_WrongSpacingWithoutChanges_Violation()
    {
        var analyzer = new HeartbeatDriftAnalyzer(Second, 5);
        analyzer.OnHeartbeat(6, 0, 0);
        analyzer.OnHeartbeat(10, 4000, 4000);
        Assert.Equal(1, analyzer.Report().SpacingViolations);
        Assert.False(analyzer.Report().Passed);
    }

    [Fact]
    public void Report_ChangeBetweenHeartbeats_SpacingNotChecked()
    {
        var analyzer = new HeartbeatDriftAnalyzer(Second, 5);
        analyzer.OnHeartbeat(6, 0, 0);
        analyzer.OnOtherEvent();
        analyzer.OnHeartbeat(13, 7000, 7000);
        var report = analyzer.Report();
        Assert.Equal(0, report.SpacingViolations);
        Assert.Equal(1, report.OtherEvents);
        Assert.True(report.Passed);
    }

    [Fact]
    public void Report_TooFewHeartbeats_DoesNotPass()
    {
        var analyzer = new HeartbeatDriftAnalyzer(Second, 5);
        analyzer.OnHeartbeat(6, 0, 0);
        Assert.False(analyzer.Report().Passed);
    }
}
