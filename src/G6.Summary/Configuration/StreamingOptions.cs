namespace G6.Summary.Configuration;

/// <summary>How events reach the streams: the endpoints, the replay window, pacing and shutdown (<c>G6_SSE_*</c>).</summary>
public sealed record StreamingOptions
{
    /// <summary>Five idle cycles: clients learn within seconds that the stream is alive and their digest is right.</summary>
    public const int DefaultHeartbeatCycles = 5;

    /// <summary>Below the 30-60 s idle timeouts common in proxies and load balancers.</summary>
    public const double DefaultKeepaliveSec = 15;

    /// <summary>EventSource's usual reconnect delay; short enough for operators, long enough to avoid storms.</summary>
    public const int DefaultRetryMs = 3000;

    /// <summary>About four minutes of events at one per second: covers a restart of a client or a proxy.</summary>
    public const int DefaultReplayEvents = 256;

    /// <summary>
    /// Events a stream may fall behind before its backlog is dropped for a full snapshot. Streams share one
    /// event log, so this costs no memory per stream; it bounds how stale a slow client may get.
    /// </summary>
    public const int DefaultQueueMax = 512;

    /// <summary>A write stuck this long means the client is gone or not reading; free its resources.</summary>
    public const double DefaultWriteTimeoutSec = 10;

    /// <summary>Summary events are a few KB; 256 KiB leaves room for large panels yet bounds a runaway event.</summary>
    public const int DefaultMaxEventBytes = 256 * 1024;

    /// <summary>Enough to flush bye to every stream; short enough for orchestrators' default kill timers (10-30 s).</summary>
    public const double DefaultShutdownGraceSec = 5;

    public const int DefaultFanOutMinStreamsPerWorker = 256;

    public static readonly WholeRange HeartbeatCyclesRange = new(1, 100_000);
    public static readonly SecondsRange KeepaliveRange = new(1, 3600);
    public static readonly WholeRange RetryMsRange = new(100, 600_000);
    public static readonly WholeRange ReplayEventsRange = new(0, 1_000_000);
    public static readonly WholeRange QueueMaxRange = new(1, 1_000_000);
    public static readonly SecondsRange WriteTimeoutRange = new(0.1, 3600);
    public const double MaxEventsPerSec = 10_000;
    public static readonly WholeRange MaxEventBytesRange = new(1024, 64 * 1024 * 1024);
    public static readonly SecondsRange ShutdownGraceRange = new(0.1, 600);
    public static readonly WholeRange FanOutWorkersRange = new(1, 64);

    /// <summary>When false the HTTP stream is not served (<c>G6_SSE_HTTP=0</c> or the legacy toggle at 0).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary><c>GET /summary/resync</c>; off with <c>G6_DISABLE_RESYNC_HTTP=1</c>.</summary>
    public bool ResyncEnabled { get; init; } = true;

    public int HeartbeatCycles { get; init; } = DefaultHeartbeatCycles;

    public bool Structured { get; init; }

    /// <summary>
    /// Streams whose request accepts gzip are sent gzip (<c>G6_SSE_COMPRESSION</c>, on by default): each
    /// frame is compressed once and shared, so no stream holds a compressor (docs/STREAMING.md, Performance, Compression).
    /// </summary>
    public bool Compression { get; init; } = true;

    public TimeSpan KeepaliveInterval { get; init; } = TimeSpan.FromSeconds(DefaultKeepaliveSec);

    public int RetryMs { get; init; } = DefaultRetryMs;

    public int ReplayEvents { get; init; } = DefaultReplayEvents;

    public int QueueMax { get; init; } = DefaultQueueMax;

    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(DefaultWriteTimeoutSec);

    /// <summary>Per-stream event rate; 0 means unthrottled.</summary>
    public double EventsPerSec { get; init; }

    public int MaxEventBytes { get; init; } = DefaultMaxEventBytes;

    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromSeconds(DefaultShutdownGraceSec);

    /// <summary>
    /// Threads that share one event's writes to the open streams (the publisher's own and the rest from
    /// the thread pool); 1 writes them all on the publisher's thread. Defaults to the number of CPUs.
    /// </summary>
    public int FanOutWorkers { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 64);

    /// <summary>
    /// Each fan-out worker takes at least this many streams, so a few streams are written on the
    /// publisher's thread alone (a hop to another thread costs more than it saves there).
    /// </summary>
    public int FanOutMinStreamsPerWorker { get; internal init; } = DefaultFanOutMinStreamsPerWorker;

    public void Validate()
    {
        HeartbeatCyclesRange.Check(SettingNames.HeartbeatCycles, HeartbeatCycles);
        KeepaliveRange.Check(SettingNames.KeepaliveSec, KeepaliveInterval);
        RetryMsRange.Check(SettingNames.RetryMs, RetryMs);
        ReplayEventsRange.Check(SettingNames.ReplayEvents, ReplayEvents);
        QueueMaxRange.Check(SettingNames.QueueMax, QueueMax);
        WriteTimeoutRange.Check(SettingNames.WriteTimeoutSec, WriteTimeout);
        if (!double.IsFinite(EventsPerSec) || EventsPerSec < 0 || EventsPerSec > MaxEventsPerSec)
        {
            throw new InvalidSettingException(SettingNames.EventsPerSec, $"must be a number from 0 to {MaxEventsPerSec}");
        }

        MaxEventBytesRange.Check(SettingNames.MaxEventBytes, MaxEventBytes);
        ShutdownGraceRange.Check(SettingNames.ShutdownGraceSec, ShutdownGrace);
        FanOutWorkersRange.Check(SettingNames.FanOutWorkers, FanOutWorkers);
        if (ReplayEvents > QueueMax)
        {
            // A resumed stream's replay is its backlog; a window larger than the queue would overflow at once.
            throw new InvalidSettingException(SettingNames.ReplayEvents, $"must not exceed {SettingNames.QueueMax} ({QueueMax})");
        }
    }

    internal static StreamingOptions Bind(SettingReader read)
    {
        var options = new StreamingOptions
        {
            Enabled = read.Flag(SettingNames.SseHttp, true) && !DeprecatedSettings.SseDisabledByLegacyToggle(read.Lookup),
            ResyncEnabled = !read.Flag(SettingNames.DisableResyncHttp, false),
            HeartbeatCycles = (int)read.Integer(SettingNames.HeartbeatCycles, DefaultHeartbeatCycles, HeartbeatCyclesRange),
            Structured = read.Flag(SettingNames.Structured, false),
            Compression = read.Flag(SettingNames.Compression, true),
            KeepaliveInterval = read.Seconds(SettingNames.KeepaliveSec, DefaultKeepaliveSec, KeepaliveRange),
            RetryMs = (int)read.Integer(SettingNames.RetryMs, DefaultRetryMs, RetryMsRange),
            ReplayEvents = (int)read.Integer(SettingNames.ReplayEvents, DefaultReplayEvents, ReplayEventsRange),
            QueueMax = (int)read.Integer(SettingNames.QueueMax, DefaultQueueMax, QueueMaxRange),
            WriteTimeout = read.Seconds(SettingNames.WriteTimeoutSec, DefaultWriteTimeoutSec, WriteTimeoutRange),
            EventsPerSec = read.Number(SettingNames.EventsPerSec, 0, 0, MaxEventsPerSec),
            MaxEventBytes = (int)read.Integer(SettingNames.MaxEventBytes, DefaultMaxEventBytes, MaxEventBytesRange),
            ShutdownGrace = read.Seconds(SettingNames.ShutdownGraceSec, DefaultShutdownGraceSec, ShutdownGraceRange),
            FanOutWorkers = (int)read.Integer(SettingNames.FanOutWorkers, Math.Clamp(Environment.ProcessorCount, 1, 64), FanOutWorkersRange),
        };
        options.Validate();
        return options;
    }
}
