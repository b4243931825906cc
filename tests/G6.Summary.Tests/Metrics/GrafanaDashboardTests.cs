using System.Text.Json;
using System.Text.RegularExpressions;
using G6.Summary.Tests.Integration;
using G6.Summary.Tests.TestSupport;

namespace G6.Summary.Tests.Metrics;

/// <summary>
/// deploy/grafana/g6-summary.json against a real server's /metrics: every metric a panel names is one the
/// service exposes (a renamed metric would leave an empty graph nobody notices), and the panels the issue asks for are there.
/// </summary>
public sealed partial class GrafanaDashboardTests
{
    private static string DashboardPath => Path.Combine(Fixtures.RepositoryRoot, "deploy", "grafana", "g6-summary.json");

    [Fact]
    public async Task Dashboard_EveryMetricItNames_IsExposedByTheService()
    {
        await using var server = await TestServer.StartAsync(source: new ScriptedStatusSource(ScriptedStatusSource.Status()));
        await using (var stream = await server.OpenStreamAsync())
        {
            await stream.NextNamedAsync("full_snapshot");
            await server.CycleAsync();
        }

        var exposition = await server.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var families = TypeLine().Matches(exposition).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
        Assert.NotEmpty(families);

        var named = Expressions().SelectMany(e => MetricName().Matches(e).Select(m => m.Value)).Distinct(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(named);
        var missing = named.Where(name => !IsExposed(name, families)).ToList();
        Assert.True(missing.Count == 0, $"deploy/grafana/g6-summary.json names metrics the service does not expose: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Dashboard_HasThePanelsOperatorsNeed_EachOnTheDatasourceVariable()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(DashboardPath));
        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray().ToList();
        Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
        foreach (var panel in panels)
        {
            Assert.Equal("${datasource}", panel.GetProperty("datasource").GetProperty("uid").GetString());
            Assert.NotEmpty(panel.GetProperty("targets").EnumerateArray());
        }

        var all = string.Join('\n', Expressions());
        Assert.Contains("g6_sse_http_active_connections", all, StringComparison.Ordinal);
        Assert.Contains("sum by (event) (rate(g6_sse_http_events_sent_total", all, StringComparison.Ordinal);
        Assert.Contains("histogram_quantile(0.99, sum by (le) (rate(g6_sse_http_event_dispatch_latency_seconds_bucket", all, StringComparison.Ordinal);
        Assert.Contains("g6_summary_cycle_duration_seconds_bucket", all, StringComparison.Ordinal);
        Assert.Contains("g6_summary_status_read_errors_total", all, StringComparison.Ordinal);
    }

    private static bool IsExposed(string name, Dictionary<string, string> families)
    {
        if (families.ContainsKey(name))
        {
            return true;
        }

        // A histogram's series are <family>_bucket, _sum and _count.
        var suffix = Array.Find(["_bucket", "_sum", "_count"], s => name.EndsWith(s, StringComparison.Ordinal));
        return suffix is not null && families.TryGetValue(name[..^suffix.Length], out var kind) && kind == "histogram";
    }

    private static List<string> Expressions()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(DashboardPath));
        var expressions = new List<string>();
        foreach (var panel in dashboard.RootElement.GetProperty("panels").EnumerateArray())
        {
            expressions.AddRange(panel.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString()!));
        }

        foreach (var variable in dashboard.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray())
        {
            if (variable.TryGetProperty("definition", out var definition))
            {
                expressions.Add(definition.GetString()!);
            }
        }

        return expressions;
    }

    [GeneratedRegex(@"^# TYPE (\S+) (\S+)$", RegexOptions.Multiline)]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"\bg6_[a-z0-9_]+")]
    private static partial Regex MetricName();
}
