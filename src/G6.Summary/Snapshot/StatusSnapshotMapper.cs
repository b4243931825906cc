using System.Collections.Immutable;
using System.Text.Json;
using static G6.Summary.Snapshot.TolerantJson;

namespace G6.Summary.Snapshot;

/// <summary>
/// Maps a status document of either schema onto a <see cref="StatusSnapshot"/>.
/// </summary>
/// <remarks>
/// Rather than two mappers, each value is read from its nested place first and its flat place second, and
/// sections that differ in shape between the schemas (indices list vs object, health strings vs objects) are
/// told apart by JSON kind. A hybrid file, or one schema with a stray field of the other, still maps sensibly.
/// </remarks>
internal static class StatusSnapshotMapper
{
    private const double BytesPerMiB = 1024 * 1024;

    public static StatusSnapshot Map(JsonElement root) => new()
    {
        Schema = DetectSchema(root),
        App = MapApp(Object(Get(root, "app"))),
        Market = MapMarket(Get(root, "market")),
        Config = MapConfig(Object(Get(root, "config"))),
        Loop = MapLoop(root, Object(Get(root, "loop"))),
        Indices = MapIndices(root),
        Analytics = MapAnalytics(Object(Get(root, "analytics"))),
        Alerts = MapAlerts(Get(root, "alerts")),
        Resources = MapResources(root, Object(Get(root, "resources"))),
        Sinks = MapSinks(Object(Get(root, "sinks"))),
        Health = MapHealth(Object(Get(root, "health"))),
        Readiness = MapReadiness(root),
        Provider = MapProvider(Get(root, "provider")),
        Performance = MapPerformance(root),
        Links = MapLinks(Object(Get(root, "links"))),
    };

    private static StatusSchema DetectSchema(JsonElement root)
    {
        if (Object(Get(root, "app")) is not null || Object(Get(root, "loop")) is not null || Object(Get(root, "market")) is not null)
        {
            return StatusSchema.Nested;
        }

        if (Get(root, "cycle") is not null || Get(root, "timestamp") is not null || Object(Get(root, "indices_info")) is not null)
        {
            return StatusSchema.Flat;
        }

        return StatusSchema.Unknown;
    }

    private static AppInfo MapApp(JsonElement? app) => app is null ? AppInfo.Empty : new AppInfo
    {
        Name = String(Get(app, "name")),
        Version = String(Get(app, "version")),
        Pid = Integer(Get(app, "pid")),
        Host = String(Get(app, "host")),
        StartedAt = Time(Get(app, "started_at")),
        UptimeSec = Number(Get(app, "uptime_sec")),
    };

    private static MarketInfo MapMarket(JsonElement? market)
    {
        if (market is { ValueKind: JsonValueKind.String })
        {
            return new MarketInfo { Status = String(market) };
        }

        return Object(market) is null ? MarketInfo.Empty : new MarketInfo
        {
            Status = String(Get(market, "status")),
            Segment = String(Get(market, "segment")),
        };
    }

    private static ConfigInfo MapConfig(JsonElement? config) => config is null ? ConfigInfo.Empty : new ConfigInfo
    {
        Env = String(Get(config, "env")),
        OutputLevel = String(Get(config, "output_level")),
    };

    private static LoopInfo MapLoop(JsonElement root, JsonElement? loop) => new()
    {
        Cycle = Integer(Get(loop, "cycle")) ?? Integer(Get(root, "cycle")),
        LastRun = Time(Get(loop, "last_run")) ?? Time(Get(root, "timestamp")),
        NextRunInSec = Number(Get(loop, "next_run_in_sec")),
        SleepSec = Number(Get(loop, "sleep_sec")) ?? Number(Get(root, "sleep_sec")),
        AvgCycleMs = Number(Get(loop, "avg_cycle_ms")),
        P95CycleMs = Number(Get(loop, "p95_cycle_ms")),
        LastDurationSec = Number(Get(loop, "last_duration")) ?? Number(Get(root, "elapsed")),
        SuccessRatePct = Number(Get(loop, "success_rate")) ?? Number(Get(root, "success_rate_pct")),
        TargetIntervalSec = Number(Get(loop, "target_interval")) ?? Number(Get(root, "interval")),
    };

    private static ImmutableArray<IndexInfo> MapIndices(JsonElement root)
    {
        var indices = Get(root, "indices");
        var basics = Object(indices);
        var info = Object(Get(root, "indices_info"));
        var detail = Object(Get(root, "indices_detail"));

        // File order: the flat schema's name list (or the nested schema's object keys) first, then any
        // name that only appears in a detail section.
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in Items(indices))
        {
            if (item.ValueKind == JsonValueKind.String && String(item) is { } name && !string.IsNullOrWhiteSpace(name) && seen.Add(name))
            {
                names.Add(name);
            }
        }

        foreach (var section in (ReadOnlySpan<JsonElement?>)[basics, info, detail])
        {
            foreach (var (name, _) in Properties(section))
            {
                if (seen.Add(name))
                {
                    names.Add(name);
                }
            }
        }

        var result = ImmutableArray.CreateBuilder<IndexInfo>(names.Count);
        foreach (var name in names)
        {
            var basic = Get(basics, name);
            var inf = Get(info, name);
            var det = Get(detail, name);
            var dq = Object(Get(det, "dq"));
            result.Add(new IndexInfo(name)
            {
                // Some writers put the price straight under the name.
                Ltp = Number(Get(basic, "ltp")) ?? Number(basic) ?? Number(Get(inf, "ltp")) ?? Number(Get(det, "ltp")),
                ChangePct = Number(Get(basic, "change", "change_pct")) ?? Number(Get(det, "change", "change_pct")),
                Status = String(Get(det, "status")) ?? String(Get(basic, "status")),
                AgeSec = Number(Get(det, "age_sec", "age")),
                Legs = Integer(Get(det, "legs")) ?? Integer(Get(basic, "legs")),
                Options = Integer(Get(inf, "options")),
                DqScorePct = Number(Get(dq, "score_percent", "score")),
                DqIssues = Integer(Get(dq, "issues_total", "issues")),
            });
        }

        return result.MoveToImmutable();
    }

    private static AnalyticsInfo MapAnalytics(JsonElement? analytics)
    {
        if (analytics is null)
        {
            return AnalyticsInfo.Empty;
        }

        var maxPain = ImmutableArray.CreateBuilder<MaxPainEntry>();
        foreach (var (name, value) in Properties(Get(analytics, "max_pain")))
        {
            maxPain.Add(new MaxPainEntry(name, Number(value)));
        }

        return new AnalyticsInfo { Pcr = Number(Get(analytics, "pcr")), MaxPain = maxPain.ToImmutable() };
    }

    private static AlertSummary MapAlerts(JsonElement? alerts)
    {
        if (IsArray(alerts))
        {
            var items = MapAlertItems(alerts);
            return new AlertSummary { Total = items.Length, BySeverity = CountBySeverity(items), Recent = items };
        }

        if (Object(alerts) is null)
        {
            return AlertSummary.Empty;
        }

        var recentElement = Get(alerts, "recent", "items", "latest", "list", "alerts");
        var recent = MapAlertItems(recentElement);

        var counts = ImmutableArray.CreateBuilder<SeverityCount>();
        foreach (var (name, value) in Properties(Get(alerts, "by_severity", "severity_counts", "counts")))
        {
            counts.Add(new SeverityCount(name.ToLowerInvariant(), Integer(value)));
        }

        var bySeverity = counts.Count > 0 ? counts.ToImmutable() : CountBySeverity(recent);
        var total = Integer(Get(alerts, "total", "count"));
        if (total is null && counts.Count > 0 && counts.All(c => c.Count is not null))
        {
            total = counts.Sum(c => c.Count!.Value);
        }

        if (total is null && IsArray(recentElement))
        {
            total = recent.Length;
        }

        return new AlertSummary { Total = total, BySeverity = bySeverity, Recent = recent };
    }

    private static ImmutableArray<AlertInfo> MapAlertItems(JsonElement? list)
    {
        var items = ImmutableArray.CreateBuilder<AlertInfo>();
        foreach (var item in Items(list))
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                items.Add(new AlertInfo
                {
                    Severity = String(Get(item, "severity", "level"))?.ToLowerInvariant(),
                    Message = String(Get(item, "message", "msg", "text")),
                    Time = Time(Get(item, "time", "ts", "timestamp")),
                    Index = String(Get(item, "index")),
                });
            }
            else if (item.ValueKind == JsonValueKind.String)
            {
                items.Add(new AlertInfo { Message = String(item) });
            }
        }

        return items.ToImmutable();
    }

    private static ImmutableArray<SeverityCount> CountBySeverity(ImmutableArray<AlertInfo> items) =>
    [
        .. items
            .GroupBy(a => a.Severity ?? "unknown", StringComparer.Ordinal)
            .Select(g => new SeverityCount(g.Key, g.Count())),
    ];

    private static ResourceInfo MapResources(JsonElement root, JsonElement? resources) => new()
    {
        CpuPct = Number(Get(resources, "cpu", "cpu_pct")) ?? Number(Get(root, "cpu_pct")),
        MemoryMb = Number(Get(resources, "rss")) / BytesPerMiB
            ?? Number(Get(resources, "memory_mb"))
            ?? Number(Get(root, "memory_mb")),
    };

    private static ImmutableArray<SinkInfo> MapSinks(JsonElement? sinks)
    {
        var result = ImmutableArray.CreateBuilder<SinkInfo>();
        foreach (var (name, value) in Properties(sinks))
        {
            var lastWrite = value.ValueKind == JsonValueKind.Object ? Time(Get(value, "last_write", "last_write_at")) : Time(value);
            result.Add(new SinkInfo(name) { LastWrite = lastWrite });
        }

        return result.ToImmutable();
    }

    private static ImmutableArray<ComponentHealth> MapHealth(JsonElement? health)
    {
        var result = ImmutableArray.CreateBuilder<ComponentHealth>();
        foreach (var (name, value) in Properties(health))
        {
            // Nested schema: {"collector": "ok"}; flat schema: {"providers": {"status": "healthy", "last_check": …}}.
            result.Add(value.ValueKind == JsonValueKind.Object
                ? new ComponentHealth(name) { Status = String(Get(value, "status", "state")), LastCheck = Time(Get(value, "last_check")) }
                : new ComponentHealth(name) { Status = String(value) });
        }

        return result.ToImmutable();
    }

    private static ReadinessInfo MapReadiness(JsonElement root)
    {
        var nested = Object(Get(root, "readiness"));
        return new ReadinessInfo
        {
            Ok = Boolean(Get(root, "readiness_ok")) ?? Boolean(Get(nested, "ok")),
            Reason = String(Get(root, "readiness_reason")) ?? String(Get(nested, "reason")),
        };
    }

    private static ProviderInfo MapProvider(JsonElement? provider)
    {
        if (provider is { ValueKind: JsonValueKind.String })
        {
            return new ProviderInfo { Name = String(provider) };
        }

        if (Object(provider) is null)
        {
            return ProviderInfo.Empty;
        }

        var auth = Get(provider, "auth");
        return new ProviderInfo
        {
            Name = String(Get(provider, "name")),
            LatencyMs = Number(Get(provider, "latency_ms")),
            AuthValid = Boolean(Get(auth, "valid")) ?? Boolean(auth),
            AuthExpiry = Time(Get(auth, "expiry")),
        };
    }

    // The flat schema has these at the top level; a nested writer (the demo collector) groups them.
    private static PerformanceInfo MapPerformance(JsonElement root)
    {
        var nested = Object(Get(root, "performance"));
        return new PerformanceInfo
        {
            OptionsLastCycle = Integer(Get(nested, "options_last_cycle")) ?? Integer(Get(root, "options_last_cycle")),
            OptionsPerMinute = Number(Get(nested, "options_per_minute")) ?? Number(Get(root, "options_per_minute")),
            ApiSuccessRatePct = Number(Get(nested, "api_success_rate")) ?? Number(Get(root, "api_success_rate")),
        };
    }

    private static ImmutableArray<LinkInfo> MapLinks(JsonElement? links)
    {
        var result = ImmutableArray.CreateBuilder<LinkInfo>();
        foreach (var (name, value) in Properties(links))
        {
            var url = value.ValueKind == JsonValueKind.Object ? String(Get(value, "url", "href")) : String(value);
            result.Add(new LinkInfo(name, url));
        }

        return result.ToImmutable();
    }
}
