using G6.Summary.Status;
using Microsoft.Extensions.Logging;

namespace G6.Summary.Configuration;

/// <summary>
/// Every setting of the service, bound once at start by <see cref="SummaryOptionsLoader"/> and
/// validated there. Defaults are named constants; each says why the value is safe.
/// </summary>
public sealed record SummaryOptions
{
    /// <summary>Loopback only: exposing the stream is an explicit operator decision.</summary>
    public const string DefaultHost = "127.0.0.1";

    /// <summary>The port the platform's operators already use for the summary service.</summary>
    public const int DefaultPort = 9320;

    /// <summary>One cycle a second: the platform writes status every few seconds, so nothing is missed.</summary>
    public const double DefaultRefreshSec = 1.0;

    /// <summary>Three missed 60 s collector cycles (the platform's usual interval) before health says stale.</summary>
    public const double DefaultStaleSec = 180;

    /// <summary>Status files are a few KB; 8 MiB stops a runaway writer from costing the loop memory.</summary>
    public const long DefaultMaxStatusBytes = 8 * 1024 * 1024;

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

    /// <summary>Above the 10,000-stream capacity target with room to spare; each idle stream costs a few KB.</summary>
    public const int DefaultMaxConnections = 12_000;

    /// <summary>Long enough for any real client on a slow link, short enough that half-sent requests cannot pile up.</summary>
    public const double DefaultHeadersTimeoutSec = 10;

    /// <summary>
    /// A working day and a bit: an operator signs in once per shift, and a session copied off a machine
    /// is worthless by the next morning.
    /// </summary>
    public const double DefaultSessionTtlSec = 12 * 3600;

    /// <summary>Status file to follow; null means the built-in demo source.</summary>
    public string? StatusFile { get; init; }

    public long MaxStatusBytes { get; init; } = DefaultMaxStatusBytes;

    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(DefaultRefreshSec);

    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromSeconds(DefaultStaleSec);

    /// <summary>When false the HTTP stream is not served (<c>G6_SSE_HTTP=0</c> or the legacy toggle at 0).</summary>
    public bool SseHttpEnabled { get; init; } = true;

    public string Host { get; init; } = DefaultHost;

    /// <summary>0 picks a free port (tests); the chosen address is logged at start.</summary>
    public int Port { get; init; } = DefaultPort;

    public int HeartbeatCycles { get; init; } = DefaultHeartbeatCycles;

    public bool Structured { get; init; }

    public TimeSpan KeepaliveInterval { get; init; } = TimeSpan.FromSeconds(DefaultKeepaliveSec);

    public int RetryMs { get; init; } = DefaultRetryMs;

    public int ReplayEvents { get; init; } = DefaultReplayEvents;

    public int QueueMax { get; init; } = DefaultQueueMax;

    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(DefaultWriteTimeoutSec);

    /// <summary>Per-stream event rate; 0 means unthrottled.</summary>
    public double EventsPerSec { get; init; }

    public int MaxEventBytes { get; init; } = DefaultMaxEventBytes;

    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromSeconds(DefaultShutdownGraceSec);

    public bool ResyncHttpEnabled { get; init; } = true;

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary><c>text</c> (default) or <c>json</c>: one JSON object per line for log shippers.</summary>
    public LogFormat LogFormat { get; init; } = LogFormat.Text;

    /// <summary>Accepted <c>X-API-Token</c> values; empty means no token is required. Several allow rotation.</summary>
    public IReadOnlyList<string> ApiTokens { get; init; } = [];

    /// <summary>Peers allowed to stream (addresses and CIDR ranges); empty means any.</summary>
    public IReadOnlyList<System.Net.IPNetwork> IpAllow { get; init; } = [];

    /// <summary>User-Agent substrings of which one must appear (case-insensitive); empty means any.</summary>
    public IReadOnlyList<string> UaAllow { get; init; } = [];

    /// <summary>Per-peer connection rate; null means unlimited.</summary>
    public Security.ConnectRate? IpConnectRate { get; init; }

    public int MaxConnections { get; init; } = DefaultMaxConnections;

    /// <summary>Proxies whose <c>X-Forwarded-For</c> is believed; empty (the default) means the header is ignored.</summary>
    public IReadOnlyList<System.Net.IPNetwork> TrustedProxies { get; init; } = [];

    /// <summary>Browser origins allowed by CORS (or "*"); empty means no CORS headers.</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    /// <summary>Tokens accepted on <c>/metrics</c> (<c>G6_METRICS_TOKEN</c> or its <c>_FILE</c> form); empty means open.</summary>
    public IReadOnlyList<string> MetricsTokens { get; init; } = [];

    public TimeSpan HeadersTimeout { get; init; } = TimeSpan.FromSeconds(DefaultHeadersTimeoutSec);

    /// <summary>
    /// Plain <c>GET /summary/events</c> requests are served on the bare socket (Transport/), everything
    /// else by Kestrel; false sends every request through Kestrel's HTTP pipeline.
    /// </summary>
    public bool DirectStreams { get; init; } = true;

    /// <summary>
    /// Threads that share one event's writes to the open streams (the publisher's own and the rest from
    /// the thread pool); 1 writes them all on the publisher's thread. Defaults to the number of CPUs.
    /// </summary>
    public int FanOutWorkers { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Each fan-out worker takes at least this many streams, so a few streams are written on the
    /// publisher's thread alone (a hop to another thread costs more than it saves there).
    /// </summary>
    public int FanOutMinStreamsPerWorker { get; internal init; } = DefaultFanOutMinStreamsPerWorker;

    public const int DefaultFanOutMinStreamsPerWorker = 256;

    /// <summary>
    /// Kernel send buffer asked for each stream socket (SO_SNDBUF). Linux doubles it for its bookkeeping,
    /// so a stream's socket holds 64 KiB: 57.9 KB of events when its client stops reading (measured), a
    /// tenth of what <see cref="DefaultQueueMax"/> allows at 1.5 KB an event, so the queue and not the
    /// kernel decides when a stalled stream is dropped to a full snapshot; 1,000 stalled streams hold
    /// 75 MiB of kernel memory. Left to autotuning, Linux grew a stalled stream's buffer to 4 MiB (1,006
    /// stale events of 2.76 KB). A healthy reader never waits on it (no write waited at 10,000 streams):
    /// 57.9 KB is over three seconds of a 10 events/s stream, and about what Linux itself starts a new
    /// Ethernet connection with. docs/STREAMING.md (Settings, Performance) has the measurements.
    /// </summary>
    public const int DefaultSendBufferBytes = 32 * 1024;

    /// <summary>Below this a send buffer holds less than one typical event; Linux itself rounds up to about 4.6 KB.</summary>
    public const int MinSendBufferBytes = 4 * 1024;

    /// <summary>The largest accepted; Linux also caps what it grants at <c>net.core.wmem_max</c>.</summary>
    public const int MaxSendBufferBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Bytes asked for as each stream socket's kernel send buffer (<c>SO_SNDBUF</c>; Linux grants twice
    /// this), on both transports; 0 leaves the buffer to the kernel's autotuning.
    /// </summary>
    public int SendBufferBytes { get; init; } = DefaultSendBufferBytes;

    /// <summary>The demo source's behaviour when no status file is set; <c>busy</c> is for load tests.</summary>
    public DemoProfile DemoProfile { get; init; } = DemoProfile.Realistic;

    /// <summary>The browser dashboard at <c>GET /</c> and <c>GET /dashboard/…</c>; false answers 404 there.</summary>
    public bool DashboardEnabled { get; init; } = true;

    /// <summary>How long a session cookie from <c>POST /summary/session</c> is accepted.</summary>
    public TimeSpan SessionTtl { get; init; } = TimeSpan.FromSeconds(DefaultSessionTtlSec);

    /// <summary>Status push: publisher tokens, size and rate (<see cref="PublishOptions"/>).</summary>
    public PublishOptions Publish { get; init; } = new();

    /// <summary>Deprecation warnings found while loading, printed once at start-up.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
