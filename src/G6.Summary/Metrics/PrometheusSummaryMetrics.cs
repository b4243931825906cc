using G6.Summary.Protocol;
using Prometheus;

namespace G6.Summary.Metrics;

/// <summary>
/// <see cref="ISummaryMetrics"/> on prometheus-net, in a registry of its own (one per server, so tests
/// never share counters). Names follow PROTOCOL.md; labelled children are resolved once up front,
/// so the per-event path is a lock-free increment.
/// </summary>
public sealed class PrometheusSummaryMetrics : ISummaryMetrics
{
    // Dispatch latency lives between sub-millisecond (one local client) and seconds (a lagging one).
    private static readonly double[] LatencyBuckets =
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private readonly Gauge _active;
    private readonly Counter _connections;
    private readonly Counter _disconnects;
    private readonly Counter _rejected;
    private readonly Gauge _maxConnections;
    private readonly Gauge _stale;
    private readonly Gauge _statusAge;
    private readonly Dictionary<string, Counter.Child> _authFail;
    private readonly Counter _forbiddenIp;
    private readonly Counter _forbiddenUa;
    private readonly Counter _rateLimited;
    private readonly Dictionary<string, Counter.Child> _sent;
    private readonly Counter _sentOther;
    private readonly Counter _dropped;
    private readonly Counter _slow;
    private readonly Counter _writeWaits;
    private readonly Gauge _compressedStreams;
    private readonly Counter _compressions;
    private readonly Counter.Child _compressionIn;
    private readonly Counter.Child _compressionOut;
    private readonly Counter _securityDropped;
    private readonly Histogram _eventSize;
    private readonly Histogram _dispatch;
    private readonly Histogram _connectionDuration;
    private readonly Counter _cycles;
    private readonly Histogram _cycleDuration;
    private readonly Counter _readErrors;
    private readonly Counter _panelUpdates;
    private readonly Counter _panelFailures;
    private readonly Dictionary<string, Counter> _published;
    private readonly Gauge _backplaneDegraded;
    private readonly Dictionary<string, Counter.Child> _backplaneAppends;
    private readonly Histogram _backplaneAppendDuration;
    private readonly Histogram _backplaneReadDuration;
    private readonly Counter _backplaneFailures;
    private readonly Gauge _backplaneLag;
    private readonly Counter _backplaneReconnects;
    private readonly Counter _backplaneEpochs;
    private readonly Dictionary<string, Counter.Child> _pushes;
    private readonly Histogram _pushSize;
    private readonly Histogram _pushLatency;

    public PrometheusSummaryMetrics(CollectorRegistry registry)
    {
        Registry = registry;
        var f = Prometheus.Metrics.WithCustomRegistry(registry);

        // Exemplars (trace ids on samples) cost ~2 % of server CPU at 10,000 streams (perf, docs/STREAMING.md); nothing here traces.
        f.ExemplarBehavior = ExemplarBehavior.NoExemplars();
        _active = f.CreateGauge("g6_sse_http_active_connections", "Event streams open now.");
        _connections = f.CreateCounter("g6_sse_http_connections_total", "Event streams accepted.");
        _disconnects = f.CreateCounter("g6_sse_http_disconnects_total", "Event streams closed, for any reason.");
        _rejected = f.CreateCounter("g6_sse_http_rejected_connections_total", "Requests refused before a stream opened.", "reason");
        _stale = f.CreateGauge("g6_summary_status_stale", "1 while health is stale: no changed status for G6_SUMMARY_STALE_SEC (or none yet).");
        _statusAge = f.CreateGauge("g6_summary_status_age_seconds", "Seconds since the last changed status (NaN before the first).");
        _statusAge.Set(double.NaN);
        _maxConnections = f.CreateGauge("g6_sse_http_max_connections", "The stream cap (G6_SSE_MAX_CONNECTIONS): alert on active / max.");
        var authFail = f.CreateCounter("g6_sse_http_auth_fail_total", "Requests refused for a missing or wrong token, by endpoint (events, resync, metrics).", "endpoint");
        _authFail = AuthEndpoints.All.ToDictionary(e => e, e => authFail.WithLabels(e), StringComparer.Ordinal);
        _forbiddenIp = f.CreateCounter("g6_sse_http_forbidden_ip_total", "Requests refused by the IP allow list.");
        _forbiddenUa = f.CreateCounter("g6_sse_http_forbidden_ua_total", "Requests refused by the User-Agent allow list.");
        _rateLimited = f.CreateCounter("g6_sse_http_rate_limited_total", "Requests refused by the per-IP connection rate.");
        var sent = f.CreateCounter("g6_sse_http_events_sent_total", "Events written to streams, by event name.", "event");
        _sent = EventNames.All.ToDictionary(n => n, n => sent.WithLabels(n), StringComparer.Ordinal);
        _sentOther = sent;
        _dropped = f.CreateCounter("g6_sse_http_events_dropped_total", "Events dropped from lagging streams' backlogs (each such stream got a full snapshot).");
        _securityDropped = f.CreateCounter("g6_sse_http_security_events_dropped_total", "Security audit log lines suppressed by the audit log's rate limit.");
        _slow = f.CreateCounter("g6_sse_http_slow_disconnects_total", "Streams closed because a write outlasted the write timeout.");
        _compressedStreams = f.CreateGauge("g6_sse_compressed_streams", "Event streams open now with Content-Encoding: gzip.");
        _compressions = f.CreateCounter("g6_sse_compressions_total", "Frames compressed for gzip streams: once per event per panel subset, shared by all those streams.");
        var compressionBytes = f.CreateCounter("g6_sse_compression_bytes_total", "Bytes into (plain) and out of (gzip) frame compression; their ratio is the compression ratio.", "stage");
        _compressionIn = compressionBytes.WithLabels("plain");
        _compressionOut = compressionBytes.WithLabels("gzip");
        _writeWaits = f.CreateCounter("g6_sse_http_write_waits_total", "Stream writes that could not complete at once (the socket's send buffer was full) and waited for the client.");
        _eventSize = f.CreateHistogram("g6_sse_http_event_size_bytes", "Size of each published event's SSE frame.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(128, 2, 14) });
        _dispatch = f.CreateHistogram("g6_sse_http_event_dispatch_latency_seconds", "From publish to the write into a stream.",
            new HistogramConfiguration { Buckets = LatencyBuckets });
        _connectionDuration = f.CreateHistogram("g6_sse_http_connection_duration_seconds", "How long event streams stayed open.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(1, 4, 10) });
        _cycles = f.CreateCounter("g6_summary_cycles_total", "Summary loop cycles run.");
        _cycleDuration = f.CreateHistogram("g6_summary_cycle_duration_seconds", "Time for one cycle: read, build, hash, publish.",
            new HistogramConfiguration { Buckets = LatencyBuckets });
        _readErrors = f.CreateCounter("g6_summary_status_read_errors_total", "Failed status reads, by reason.", "reason");
        _panelUpdates = f.CreateCounter("g6_summary_panel_updates_total", "Published changes, by panel.", "panel");
        _panelFailures = f.CreateCounter("g6_summary_panel_failures_total", "Panel builds that failed, by panel.", "panel");
        var published = f.CreateCounter("g6_summary_events_published_total", "Events published to the log, by event name.", "event");
        _published = EventNames.All.ToDictionary(n => n, n => (Counter)published, StringComparer.Ordinal);
        foreach (var name in EventNames.All)
        {
            published.WithLabels(name);
        }

        _backplaneDegraded = f.CreateGauge("g6_backplane_degraded", "1 while the shared event log (G6_BACKPLANE=redis) does not answer: no events are appended or followed.");
        var appends = f.CreateCounter("g6_backplane_appends_total", "Appends to the shared event log, by outcome (appended, moved, older, epoch, lost, failed).", "outcome");
        _backplaneAppends = BackplaneOutcomes.All.ToDictionary(o => o, o => appends.WithLabels(o), StringComparer.Ordinal);
        _backplaneAppendDuration = f.CreateHistogram("g6_backplane_append_duration_seconds", "Round trip of one append to the shared event log.",
            new HistogramConfiguration { Buckets = LatencyBuckets });
        _backplaneReadDuration = f.CreateHistogram("g6_backplane_read_duration_seconds", "Round trip of one read of the shared event log by this node's follower.",
            new HistogramConfiguration { Buckets = LatencyBuckets });
        _backplaneFailures = f.CreateCounter("g6_backplane_failures_total", "Calls to Redis that failed or timed out, by operation (append, read).", "operation");
        _backplaneLag = f.CreateGauge("g6_backplane_lag_events", "Events the shared log's head is ahead of this node.");
        _backplaneReconnects = f.CreateCounter("g6_backplane_reconnects_total", "Times the connection to Redis came back after it was lost.");
        _backplaneEpochs = f.CreateCounter("g6_backplane_epochs_started_total", "New epochs of the shared log this node started (first start, or Redis lost its data).");
        var pushes = f.CreateCounter("g6_summary_pushes_total", "POST /summary/status requests, by result.", "result");
        _pushes = PushResults.All.ToDictionary(r => r, r => pushes.WithLabels(r), StringComparer.Ordinal);
        _pushSize = f.CreateHistogram("g6_summary_push_size_bytes", "Body size of each status push that was read.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(256, 4, 9) });
        _pushLatency = f.CreateHistogram("g6_summary_push_publish_latency_seconds", "From a push's body read to its event in the log.",
            new HistogramConfiguration { Buckets = LatencyBuckets });
    }

    public CollectorRegistry Registry { get; }

    public void CycleCompleted(TimeSpan duration)
    {
        _cycles.Inc();
        _cycleDuration.Observe(duration.TotalSeconds);
    }

    public void StatusReadFailed(string reason) => _readErrors.WithLabels(reason).Inc();

    public void PanelUpdated(string key) => _panelUpdates.WithLabels(key).Inc();

    public void PanelFailed(string key) => _panelFailures.WithLabels(key).Inc();

    public void EventPublished(string name, int bytes)
    {
        _eventSize.Observe(bytes);
        if (_published.TryGetValue(name, out var counter))
        {
            counter.WithLabels(name).Inc();
        }
    }

    public void StreamOpened()
    {
        _connections.Inc();
        _active.Inc();
    }

    public void StreamClosed(TimeSpan duration)
    {
        _disconnects.Inc();
        _active.Dec();
        _connectionDuration.Observe(duration.TotalSeconds);
    }

    public void StreamRejected(string reason)
    {
        _rejected.WithLabels(reason).Inc();
        switch (reason)
        {
            case RejectionReasons.ForbiddenIp:
                _forbiddenIp.Inc();
                break;
            case RejectionReasons.ForbiddenUserAgent:
                _forbiddenUa.Inc();
                break;
            case RejectionReasons.RateLimited:
                _rateLimited.Inc();
                break;
            default:
                break;
        }
    }

    public void AuthFailed(string endpoint) => _authFail[endpoint].Inc();

    public void StatusFreshness(bool stale, double? ageSeconds)
    {
        _stale.Set(stale ? 1 : 0);
        _statusAge.Set(ageSeconds ?? double.NaN);
    }

    public void StreamCapConfigured(int maxStreams) => _maxConnections.Set(maxStreams);

    public void EventSent(string name, TimeSpan dispatchLatency)
    {
        if (_sent.TryGetValue(name, out var child))
        {
            child.Inc();
        }
        else
        {
            _sentOther.WithLabels(name).Inc();
        }

        if (dispatchLatency > TimeSpan.Zero)
        {
            _dispatch.Observe(dispatchLatency.TotalSeconds);
        }
    }

    public void EventsDropped(long count) => _dropped.Inc(count);

    public void SlowDisconnect() => _slow.Inc();

    public void WriteWaited() => _writeWaits.Inc();

    public void CompressedStreams(int delta) => _compressedStreams.Inc(delta);

    public void FrameCompressed(int plainBytes, int compressedBytes)
    {
        _compressions.Inc();
        _compressionIn.Inc(plainBytes);
        _compressionOut.Inc(compressedBytes);
    }

    public void SecurityEventDropped() => _securityDropped.Inc();

    public void BackplaneDegraded(bool degraded) => _backplaneDegraded.Set(degraded ? 1 : 0);

    public void BackplaneAppended(string outcome, TimeSpan duration)
    {
        if (_backplaneAppends.TryGetValue(outcome, out var counter))
        {
            counter.Inc();
        }

        _backplaneAppendDuration.Observe(duration.TotalSeconds);
    }

    public void BackplaneRead(TimeSpan duration) => _backplaneReadDuration.Observe(duration.TotalSeconds);

    public void BackplaneFailed(string operation) => _backplaneFailures.WithLabels(operation).Inc();

    public void BackplaneLag(long events) => _backplaneLag.Set(events);

    public void BackplaneReconnected() => _backplaneReconnects.Inc();

    public void BackplaneEpochStarted() => _backplaneEpochs.Inc();

    public void PushHandled(string result, long? bytes)
    {
        _pushes[result].Inc();
        if (bytes is { } size)
        {
            _pushSize.Observe(size);
        }
    }

    public void PushPublished(TimeSpan latency) => _pushLatency.Observe(latency.TotalSeconds);
}
