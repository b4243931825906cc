using System.Text;
using G6.Summary.Panels;
using G6.Summary.Snapshot;
using G6.Summary.Status;
using G6.Summary.Tests.Panels;
using G6.Summary.Tests.TestSupport;

namespace G6.Summary.Tests.Snapshot;

public sealed class StatusSnapshotReaderTests
{
    private static readonly PanelRegistry Registry = PanelRegistry.CreateDefault();

    public static TheoryData<string> StatusFiles => Fixtures.StatusFiles;

    [Theory]
    [MemberData(nameof(StatusFiles))]
    public void Read_EveryFixture_IsFreshAndBuildsAllPanels(string fileName)
    {
        var reading = StatusSnapshotReader.Read(Fixtures.ReadStatus(fileName));

        Assert.Equal(StatusReadOutcome.Fresh, reading.Outcome);
        Assert.NotNull(reading.Snapshot);
        Assert.NotEqual(StatusSchema.Unknown, reading.Snapshot.Schema);
        var result = Registry.BuildAll(reading.Snapshot);
        Assert.Equal(10, result.Panels.Count);
        Assert.Empty(result.FailedKeys);
        PanelAssertions.AssertClean(result);
    }

    [Fact]
    public void Read_RuntimeStatus_MapsNestedSchema()
    {
        var snapshot = Fresh("runtime_status.json");

        Assert.Equal(StatusSchema.Nested, snapshot.Schema);
        Assert.Equal("G6 Simulator", snapshot.App.Name);
        Assert.Equal(3216, snapshot.App.Pid);
        Assert.Equal(40105.0, snapshot.App.UptimeSec);
        Assert.Equal("OPEN", snapshot.Market.Status);
        Assert.Equal("F&O", snapshot.Market.Segment);
        Assert.Equal(40105, snapshot.Loop.Cycle);
        Assert.Equal(new DateTimeOffset(2025, 10, 17, 16, 32, 57, TimeSpan.Zero).AddTicks(6688010), snapshot.Loop.LastRun);
        Assert.Equal(0.642, snapshot.Loop.LastDurationSec);
        Assert.Equal(96.2, snapshot.Loop.SuccessRatePct);
        Assert.Equal(1004, snapshot.Loop.AvgCycleMs);
        Assert.Equal(60, snapshot.Loop.TargetIntervalSec);

        Assert.Equal(["NIFTY", "BANKNIFTY", "FINNIFTY", "SENSEX"], snapshot.Indices.Select(i => i.Name));
        var nifty = snapshot.Indices[0];
        Assert.Equal(19980.4, nifty.Ltp);
        Assert.Equal(0.1, nifty.ChangePct);
        Assert.Equal(100542, nifty.Legs);
        Assert.Equal(94.47, nifty.DqScorePct);
        Assert.Equal(0, nifty.DqIssues);
        Assert.Equal("ok", nifty.Status);
        Assert.Equal(3, nifty.AgeSec);

        Assert.Equal(1.22, snapshot.Analytics.Pcr);
        Assert.Equal(new MaxPainEntry("NIFTY", 19250), snapshot.Analytics.MaxPain[0]);
        Assert.Equal(7.3, snapshot.Resources.CpuPct);
        Assert.Equal(2133.7, snapshot.Resources.MemoryMb!.Value, 1);
        Assert.Equal("sim", snapshot.Provider.Name);
        Assert.Equal(66, snapshot.Provider.LatencyMs);
        Assert.Equal(["collector", "sinks", "provider"], snapshot.Health.Select(h => h.Name));
        Assert.All(snapshot.Health, h => Assert.Equal("ok", h.Status));
        Assert.Equal("csv", Assert.Single(snapshot.Sinks).Name);
        Assert.Equal(new LinkInfo("metrics", "http://127.0.0.1:9108/metrics"), Assert.Single(snapshot.Links));
        Assert.Equal(0, snapshot.Alerts.Total);
        Assert.Equal("dev", snapshot.Config.Env);
    }

    [Fact]
    public void Read_RuntimeStatus_BuildsExpectedLines()
    {
        var result = Registry.BuildAll(Fresh("runtime_status.json"));

        var header = PanelAssertions.Panel(result, PanelKeys.Header);
        Assert.Equal("Overview", header.Title);
        Assert.Contains("Uptime: 11h 08m", header.Lines);
        Assert.Contains("Market: OPEN (F&O)", header.Lines);
        Assert.Contains("Host: LAPTOP-E06PALHE", header.Lines);
        Assert.Contains("PID: 3216", header.Lines);
        Assert.Contains("Env: dev", header.Lines);

        var loop = PanelAssertions.Lines(result, PanelKeys.Loop);
        Assert.Contains("Cycle: 40105", loop);
        Assert.Contains("Last run: 2025-10-17 16:32:57Z", loop);
        Assert.Contains("Last duration: 0.642 s", loop);
        Assert.Contains("Avg cycle: 1,004.0 ms", loop);
        Assert.Contains("Success rate: 96.2%", loop);
        Assert.Contains("Next run in: 60 s", loop);

        var indices = PanelAssertions.Lines(result, PanelKeys.Indices);
        Assert.Equal(5, indices.Length);
        Assert.StartsWith("Index", indices[0]);
        Assert.Equal(
            ["NIFTY", "19,980.40", "+0.10%", "ok", "3s", "100,542", "94.47", "0"],
            indices[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(indices[0].IndexOf("LTP", StringComparison.Ordinal) + 3, indices[1].IndexOf("19,980.40", StringComparison.Ordinal) + 9);

        var analytics = PanelAssertions.Lines(result, PanelKeys.Analytics);
        Assert.Equal(["PCR: 1.22", "Max pain NIFTY: 19,250.00", "Max pain BANKNIFTY: 22,615.00", "Max pain FINNIFTY: 20,416.00", "Max pain SENSEX: 22,385.00"], analytics);

        Assert.Equal(["no alerts"], PanelAssertions.Lines(result, PanelKeys.Alerts));
        Assert.Equal(["CPU: 7.3%", "Memory: 2,133.7 MB"], PanelAssertions.Lines(result, PanelKeys.Resources));
        Assert.Equal(["csv: last write 2025-10-16 18:07:13Z"], PanelAssertions.Lines(result, PanelKeys.Storage));
        Assert.Equal(["metrics: http://127.0.0.1:9108/metrics"], PanelAssertions.Lines(result, PanelKeys.Links));
        var health = PanelAssertions.Lines(result, PanelKeys.Health);
        Assert.Equal(["collector: ok", "sinks: ok", "provider: ok", "Readiness: —", "Provider: sim", "Latency: 66.0 ms", "Auth: —"], health);
    }

    [Fact]
    public void Read_DashboardStatusTest_MapsFlatSchema()
    {
        var snapshot = Fresh("dashboard_status_test.json");

        Assert.Equal(StatusSchema.Flat, snapshot.Schema);
        Assert.Equal(["NIFTY", "BANKNIFTY", "FINNIFTY", "SENSEX"], snapshot.Indices.Select(i => i.Name));
        Assert.Equal(45439.47, snapshot.Indices[1].Ltp);
        Assert.Equal("OK", snapshot.Indices[1].Status);
        Assert.Null(snapshot.Indices[1].AgeSec);
        Assert.Equal(0, snapshot.Indices[1].Options);
        Assert.Equal(1, snapshot.Loop.Cycle);
        Assert.Equal(0.289, snapshot.Loop.LastDurationSec);
        Assert.Equal(3, snapshot.Loop.TargetIntervalSec);
        Assert.Equal(2.7109711170196533, snapshot.Loop.SleepSec);
        Assert.Equal(100.0, snapshot.Loop.SuccessRatePct);
        Assert.Equal(new DateTimeOffset(2025, 9, 26, 17, 41, 35, TimeSpan.Zero).AddTicks(8690680), snapshot.Loop.LastRun);
        Assert.Equal("MockProvider", snapshot.Provider.Name);
        Assert.Null(snapshot.Provider.AuthValid);
        Assert.Equal(274.1, snapshot.Resources.MemoryMb!.Value, 1);
        Assert.Equal(0.0, snapshot.Resources.CpuPct);
        Assert.True(snapshot.Readiness.Ok);
        Assert.Equal("LTP=20000", snapshot.Readiness.Reason);
        Assert.Equal(0, snapshot.Performance.OptionsLastCycle);
        Assert.Equal(100.0, snapshot.Performance.ApiSuccessRatePct);
        Assert.Equal(["providers", "csv_sink", "influx_sink"], snapshot.Health.Select(h => h.Name));
        Assert.Equal("healthy", snapshot.Health[0].Status);
        Assert.Equal(new DateTimeOffset(2025, 9, 26, 23, 11, 29, TimeSpan.Zero).AddTicks(8896810), snapshot.Health[0].LastCheck);
        Assert.Null(snapshot.App.Name);
        Assert.Null(snapshot.Market.Status);
    }

    [Fact]
    public void Read_DashboardStatusTest_BuildsExpectedLines()
    {
        var result = Registry.BuildAll(Fresh("dashboard_status_test.json"));

        var health = PanelAssertions.Lines(result, PanelKeys.Health);
        Assert.Equal("providers: healthy (checked 2025-09-26 23:11:29Z)", health[0]);
        Assert.Contains("Readiness: ready (LTP=20000)", health);
        Assert.Contains("Provider: MockProvider", health);
        Assert.Contains("Latency: 0.2 ms", health);
        Assert.Equal(
            ["Options last cycle: 0", "Options per minute: 0.0", "API success rate: 100.0%", "Provider latency: 0.2 ms", "Cycle duration: 0.289 s"],
            PanelAssertions.Lines(result, PanelKeys.Performance));
        var loop = PanelAssertions.Lines(result, PanelKeys.Loop);
        Assert.Contains("Next run in: 2.711 s", loop);
        Assert.Contains("Target interval: 3 s", loop);
        Assert.Contains("Memory: 274.1 MB", PanelAssertions.Lines(result, PanelKeys.Resources));
        Assert.Contains("App: —", PanelAssertions.Lines(result, PanelKeys.Header));
        Assert.Contains("Market: —", PanelAssertions.Lines(result, PanelKeys.Header));
        var indices = PanelAssertions.Lines(result, PanelKeys.Indices);
        Assert.Equal(["SENSEX", "66,636.69", "—", "OK", "—", "—", "—", "—"], indices[4].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Read_QuickStatus_NullSuccessRateShowsDash()
    {
        var snapshot = Fresh("quick_status.json");

        Assert.Equal(StatusSchema.Flat, snapshot.Schema);
        Assert.Null(snapshot.Loop.SuccessRatePct);
        Assert.False(snapshot.Readiness.Ok);
        Assert.All(snapshot.Indices, i => Assert.Equal(0, i.Ltp));
        var result = Registry.BuildAll(snapshot);
        Assert.Contains("Success rate: —", PanelAssertions.Lines(result, PanelKeys.Loop));
        Assert.Contains("Readiness: not ready (Non-positive LTP=0)", PanelAssertions.Lines(result, PanelKeys.Health));
        Assert.Contains("API success rate: 0.0%", PanelAssertions.Lines(result, PanelKeys.Performance));
    }

    [Fact]
    public void Read_RuntimeStatusClosed_MarketClosedAndNoAnalytics()
    {
        var snapshot = Fresh("runtime_status_closed.json");

        Assert.Equal("CLOSED", snapshot.Market.Status);
        Assert.Null(snapshot.Loop.LastDurationSec);
        Assert.Null(snapshot.Indices[0].Legs);
        var result = Registry.BuildAll(snapshot);
        Assert.Contains("Market: CLOSED (F&O)", PanelAssertions.Lines(result, PanelKeys.Header));
        Assert.Contains("Uptime: 0s", PanelAssertions.Lines(result, PanelKeys.Header));
        Assert.Equal(["PCR: —", "Max pain: —"], PanelAssertions.Lines(result, PanelKeys.Analytics));
    }

    [Fact]
    public void Read_TmpStatus_NullPricesShowDash()
    {
        var snapshot = Fresh("tmp_status.json");

        Assert.Equal(4, snapshot.Indices.Length);
        Assert.All(snapshot.Indices, i => Assert.Null(i.Ltp));
        Assert.Null(snapshot.Performance.OptionsLastCycle);
        var indices = PanelAssertions.Lines(Registry.BuildAll(snapshot), PanelKeys.Indices);
        Assert.Equal(["NIFTY", "—", "—", "—", "—", "—", "—", "—"], indices[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Read_DqDemo_MapsQualityScores()
    {
        var snapshot = Fresh("dq_demo.json");

        Assert.Equal([93.85, 93.32, 91.65, 92.53], snapshot.Indices.Select(i => i.DqScorePct!.Value));
        Assert.Equal(194376369 / 1048576.0, snapshot.Resources.MemoryMb);
        Assert.Equal(0, snapshot.Alerts.Total);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" \r\n\t ")]
    [InlineData("\uFEFF")]
    [InlineData("\uFEFF \n")]
    public void Read_EmptyOrWhitespace_FailsEmpty(string text)
    {
        AssertFailed(text, StatusReadFailureReasons.Empty);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"cycle\": 1}]")]
    [InlineData("\"status\"")]
    [InlineData("42")]
    [InlineData("true")]
    [InlineData("null")]
    public void Read_RootNotObject_FailsNotObject(string text)
    {
        AssertFailed(text, StatusReadFailureReasons.NotAnObject);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"cycle\": 1")]
    [InlineData("{} {}")]
    [InlineData("{} x")]
    [InlineData("{\"cycle\": NaN}")]
    [InlineData("{\"cycle\": Infinity}")]
    [InlineData("{'cycle': 1}")]
    [InlineData("{\"cycle\": 1,}")]
    [InlineData("{\"a\": \"line\nbreak\"}")]
    [InlineData("\uFEFF\uFEFF{}")]
    public void Read_NotJson_FailsInvalidJson(string text)
    {
        AssertFailed(text, StatusReadFailureReasons.InvalidJson);
    }

    [Fact]
    public void Read_InvalidJson_MessageIsOneShortLineWithPosition()
    {
        var reading = StatusSnapshotReader.Read("{\n  \"cycle\": 1,\n  oops\n}"u8);

        Assert.Equal(StatusReadFailureReasons.InvalidJson, reading.Failure!.Reason);
        Assert.Equal("status is not valid JSON (line 3, byte 3)", reading.Failure.Message);
    }

    [Fact]
    public void Read_NestingBeyondMaxDepth_FailsInvalidJson()
    {
        var deep = new string('[', 200) + new string(']', 200);
        AssertFailed($"{{\"a\": {deep}}}", StatusReadFailureReasons.InvalidJson);

        var allowed = new string('[', StatusSnapshotReader.MaxDepth - 1) + new string(']', StatusSnapshotReader.MaxDepth - 1);
        Assert.Equal(StatusReadOutcome.Fresh, StatusSnapshotReader.Read(Encoding.UTF8.GetBytes($"{{\"a\": {allowed}}}")).Outcome);
    }

    [Fact]
    public void Read_Utf8Bom_IsAccepted()
    {
        var bytes = (byte[])[0xEF, 0xBB, 0xBF, .. Fixtures.ReadStatus("runtime_status.json")];

        var reading = StatusSnapshotReader.Read(bytes);

        Assert.Equal(40105, reading.Snapshot!.Loop.Cycle);
    }

    [Fact]
    public void Read_NumbersInStrings_AreParsed()
    {
        var snapshot = FreshText("""
            {"loop": {"cycle": "40105", "success_rate": " 96.5 ", "avg_cycle_ms": "1e3"},
             "app": {"pid": 12.0, "uptime_sec": "65"}}
            """);

        Assert.Equal(40105, snapshot.Loop.Cycle);
        Assert.Equal(96.5, snapshot.Loop.SuccessRatePct);
        Assert.Equal(1000, snapshot.Loop.AvgCycleMs);
        Assert.Equal(12, snapshot.App.Pid);
        Assert.Equal(65, snapshot.App.UptimeSec);
    }

    [Theory]
    [InlineData("\"NaN\"")]
    [InlineData("\"nan\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("\"-Infinity\"")]
    [InlineData("\"abc\"")]
    [InlineData("\"\"")]
    [InlineData("true")]
    [InlineData("false")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("[1]")]
    [InlineData("{}")]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("\"1e400\"")]
    public void Read_MistypedNumber_BecomesNull(string value)
    {
        var snapshot = FreshText("""{"loop": {"cycle": @V, "success_rate": @V}, "resources": {"rss": @V}}""".Replace("@V", value, StringComparison.Ordinal));

        Assert.Equal(StatusSchema.Nested, snapshot.Schema);
        Assert.Null(snapshot.Loop.Cycle);
        Assert.Null(snapshot.Loop.SuccessRatePct);
        Assert.Null(snapshot.Resources.MemoryMb);
        Assert.Contains("Success rate: —", PanelAssertions.Lines(Registry.BuildAll(snapshot), PanelKeys.Loop));
    }

    [Fact]
    public void Read_NestedPerformanceSection_WinsOverTopLevel()
    {
        var snapshot = FreshText("""{"app": {}, "performance": {"options_last_cycle": 1200, "api_success_rate": 99.5}, "options_per_minute": 60, "api_success_rate": 1}""");

        Assert.Equal(1200, snapshot.Performance.OptionsLastCycle);
        Assert.Equal(60, snapshot.Performance.OptionsPerMinute);
        Assert.Equal(99.5, snapshot.Performance.ApiSuccessRatePct);
    }

    [Fact]
    public void Read_FractionalCount_BecomesNull()
    {
        var snapshot = FreshText("""{"loop": {"cycle": 3.5}}""");

        Assert.Null(snapshot.Loop.Cycle);
    }

    [Fact]
    public void Read_EmptyObject_IsFreshWithUnknownSchema()
    {
        var snapshot = FreshText("{}");

        Assert.Equal(StatusSchema.Unknown, snapshot.Schema);
        PanelAssertions.AssertClean(Registry.BuildAll(snapshot));
    }

    [Fact]
    public void Read_AlertsAsList_CountsBySeverity()
    {
        var snapshot = FreshText("""
            {"app": {}, "alerts": [
              {"severity": "warning", "message": "DQ low", "time": "2025-10-17T09:15:00Z", "index": "NIFTY"},
              {"level": "CRITICAL", "msg": "sink down", "ts": "2025-10-17T09:16:00Z"},
              {"severity": "info", "text": "token refreshed", "timestamp": 1760692440},
              "plain text alert",
              42
            ]}
            """);

        Assert.Equal(4, snapshot.Alerts.Total);
        Assert.Equal("critical", snapshot.Alerts.Recent[1].Severity);
        Assert.Equal("sink down", snapshot.Alerts.Recent[1].Message);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1760692440), snapshot.Alerts.Recent[2].Time);
        Assert.Equal("plain text alert", snapshot.Alerts.Recent[3].Message);

        var lines = PanelAssertions.Lines(Registry.BuildAll(snapshot), PanelKeys.Alerts);
        Assert.Equal(
            [
                "Total: 4",
                "By severity: critical 1, warning 1, info 1, unknown 1",
                "Latest:",
                "2025-10-17 09:16:00Z CRITICAL sink down",
                "2025-10-17 09:15:00Z WARNING NIFTY: DQ low",
                "2025-10-17 09:14:00Z INFO token refreshed",
                "— — plain text alert",
            ],
            lines);
    }

    [Fact]
    public void Read_AlertsAsObject_UsesTotalsAndRecent()
    {
        var snapshot = FreshText("""
            {"app": {}, "alerts": {"total": 17, "by_severity": {"critical": 2, "warning": 5, "info": 10},
              "recent": [{"severity": "critical", "message": "provider down", "time": "2025-10-17T09:15:00Z"}]}}
            """);

        Assert.Equal(17, snapshot.Alerts.Total);
        var lines = PanelAssertions.Lines(Registry.BuildAll(snapshot), PanelKeys.Alerts);
        Assert.Equal(
            ["Total: 17", "By severity: critical 2, warning 5, info 10", "Latest:", "2025-10-17 09:15:00Z CRITICAL provider down"],
            lines);
    }

    [Fact]
    public void Read_AlertsObjectWithoutTotal_SumsSeverities()
    {
        var snapshot = FreshText("""{"alerts": {"by_severity": {"warning": 2, "info": 1}}}""");

        Assert.Equal(3, snapshot.Alerts.Total);
        Assert.Empty(snapshot.Alerts.Recent);
    }

    [Fact]
    public void Read_ManyAlerts_ListsLatestFive()
    {
        var items = string.Join(",", Enumerable.Range(0, 12).Select(i => $$"""{"severity": "info", "message": "m{{i}}", "time": "2025-10-17T09:{{i:00}}:00Z"}"""));
        var snapshot = FreshText($$"""{"alerts": [{{items}}]}""");

        var lines = PanelAssertions.Lines(Registry.BuildAll(snapshot), PanelKeys.Alerts);
        Assert.Equal(3 + AlertsPanelProvider.LatestShown, lines.Length);
        Assert.EndsWith("m11", lines[3]);
        Assert.EndsWith("m7", lines[^1]);
    }

    [Fact]
    public void Read_IndicesInSeveralSections_KeepsFileOrderAndMerges()
    {
        var snapshot = FreshText("""
            {"cycle": 1, "indices": ["SENSEX", 7, "NIFTY", "SENSEX", ""],
             "indices_info": {"NIFTY": {"ltp": "20000.5", "options": 12}, "BANKNIFTY": {"ltp": 45000}},
             "indices_detail": {"FINNIFTY": {"status": "stale", "age": 42}, "NIFTY": {"status": "OK", "age_sec": 3}}}
            """);

        Assert.Equal(["SENSEX", "NIFTY", "BANKNIFTY", "FINNIFTY"], snapshot.Indices.Select(i => i.Name));
        Assert.Equal(20000.5, snapshot.Indices[1].Ltp);
        Assert.Equal(12, snapshot.Indices[1].Options);
        Assert.Equal(3, snapshot.Indices[1].AgeSec);
        Assert.Equal(42, snapshot.Indices[3].AgeSec);
        Assert.Null(snapshot.Indices[0].Ltp);
    }

    [Fact]
    public void Read_ProviderAuthObject_MapsValidityAndExpiry()
    {
        var snapshot = FreshText("""{"provider": {"name": "kite", "auth": {"valid": true, "expiry": "2025-10-18T00:00:00+05:30"}, "latency_ms": "12.5"}}""");

        Assert.True(snapshot.Provider.AuthValid);
        Assert.Equal(new DateTimeOffset(2025, 10, 17, 18, 30, 0, TimeSpan.Zero), snapshot.Provider.AuthExpiry);
        Assert.Contains("Auth: valid, expires 2025-10-17 18:30:00Z", PanelAssertions.Lines(Registry.BuildAll(snapshot), PanelKeys.Health));
    }

    [Fact]
    public void Read_LoneSurrogateEscape_BecomesNullNotException()
    {
        var snapshot = FreshText("""{"app": {"name": "bad \ud800 name", "host": "ok"}}""");

        Assert.Null(snapshot.App.Name);
        Assert.Equal("ok", snapshot.App.Host);
    }

    private static StatusSnapshot Fresh(string fileName)
    {
        var reading = StatusSnapshotReader.Read(Fixtures.ReadStatus(fileName));
        Assert.Equal(StatusReadOutcome.Fresh, reading.Outcome);
        return reading.Snapshot!;
    }

    private static StatusSnapshot FreshText(string json)
    {
        var reading = StatusSnapshotReader.Read(Encoding.UTF8.GetBytes(json));
        Assert.True(reading.Outcome == StatusReadOutcome.Fresh, reading.Failure?.Message);
        return reading.Snapshot!;
    }

    private static void AssertFailed(string text, string reason)
    {
        var reading = StatusSnapshotReader.Read(Encoding.UTF8.GetBytes(text));

        Assert.Equal(StatusReadOutcome.Failed, reading.Outcome);
        Assert.Null(reading.Snapshot);
        Assert.Equal(reason, reading.Failure!.Reason);
        Assert.DoesNotContain('\n', reading.Failure.Message);
    }
}
