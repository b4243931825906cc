using System.Text.Json;
using G6.Summary.Bench.Harness;

namespace G6.Summary.Tests.Bench;

public sealed class BenchReportJsonTests
{
    [Fact]
    public void Serialize_Report_HasTheDocumentedSnakeCaseShape()
    {
        var json = JsonSerializer.Serialize(Sample(), BenchJsonContext.Default.BenchReport);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;

        Assert.Equal("g6-summary bench", root.GetProperty("tool").GetString());
        Assert.Equal("Epoll", root.GetProperty("reader").GetString());
        Assert.Equal(2, root.GetProperty("clients").GetProperty("connected").GetInt32());
        Assert.Equal(1, root.GetProperty("clients").GetProperty("failures_by_cause").GetProperty("refused").GetInt32());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("clients").GetProperty("time_to_hello_ms").GetProperty("p99").ValueKind);
        Assert.Equal(10, root.GetProperty("events").GetProperty("by_type").GetProperty("panel_update").GetInt64());
        Assert.Equal(5.0, root.GetProperty("events").GetProperty("per_sec_per_stream_median").GetDouble());
        foreach (var name in new[] { "mean", "p50", "p90", "p99", "p999", "max", "count", "negative" })
        {
            Assert.True(root.GetProperty("latency_ms").TryGetProperty(name, out _), name);
        }

        Assert.Equal(0, root.GetProperty("sequence").GetProperty("gaps").GetInt64());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("server").ValueKind);
        var harness = root.GetProperty("harness");
        Assert.Equal(3.5, harness.GetProperty("window_cpu_percent").GetDouble());
        Assert.True(harness.TryGetProperty("cpu_ms_per_1000_events", out _));
        Assert.Equal(1024, harness.GetProperty("measure_start").GetProperty("rss_bytes").GetInt64());
    }

    [Fact]
    public void Complete_OneFailedConnect_IsFalse()
    {
        Assert.False(Sample().Complete);
        Assert.True((Sample() with { Clients = Sample().Clients with { Requested = 2, Failed = 0, FailuresByCause = new Dictionary<string, int>() } }).Complete);
    }

    internal static BenchReport Sample()
    {
        var latency = new LatencyStats(10, 1.2, 1, 2, 3, 4, 5, 0);
        return new BenchReport(
            BenchReport.ToolName,
            "Release",
            new DateTimeOffset(2025, 10, 17, 9, 15, 0, TimeSpan.Zero),
            "http://127.0.0.1:1/summary/events",
            3,
            0,
            1,
            2,
            2,
            new ClientStats(3, 2, 1, new Dictionary<string, int> { ["refused"] = 1 }, 0, new Dictionary<string, int>(), latency, latency),
            new EventStats(14, new Dictionary<string, long> { ["hello"] = 2, ["full_snapshot"] = 2, ["panel_update"] = 10 }, 10, 5, 5.0, 5.0, 0),
            latency,
            new SequenceStats(2, 0, 0, 0, 0, 0, 0, 0),
            null,
            new ProcessUsage(1, null, new ProcessSample(0, 1, 1024), new ProcessSample(1000, 1.035, 2048), 0.035, 3.5, 3.5, null, null),
            nameof(BenchReader.Epoll));
    }
}
