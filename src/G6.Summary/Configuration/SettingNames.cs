namespace G6.Summary.Configuration;

/// <summary>
/// The operators' interface: every <c>G6_</c> variable the service reads. PROTOCOL.md makes these
/// names binding; docs/STREAMING.md lists each with its default and why the default is safe.
/// </summary>
public static class SettingNames
{
    public const string ConfigFile = "G6_CONFIG_FILE";
    public const string SummarySource = "G6_SUMMARY_SOURCE";
    public const string StatusFile = "G6_SUMMARY_STATUS_FILE";
    public const string MaxStatusBytes = "G6_SUMMARY_MAX_STATUS_BYTES";
    public const string RefreshSec = "G6_SUMMARY_REFRESH_SEC";
    public const string StaleSec = "G6_SUMMARY_STALE_SEC";
    public const string SseHttp = "G6_SSE_HTTP";
    public const string Host = "G6_SSE_HOST";
    public const string Port = "G6_SSE_PORT";
    public const string HeartbeatCycles = "G6_SSE_HEARTBEAT_CYCLES";
    public const string Structured = "G6_SSE_STRUCTURED";
    public const string KeepaliveSec = "G6_SSE_KEEPALIVE_SEC";
    public const string RetryMs = "G6_SSE_RETRY_MS";
    public const string ReplayEvents = "G6_SSE_REPLAY_EVENTS";
    public const string QueueMax = "G6_SSE_QUEUE_MAX";
    public const string WriteTimeoutSec = "G6_SSE_WRITE_TIMEOUT_SEC";
    public const string EventsPerSec = "G6_SSE_EVENTS_PER_SEC";
    public const string MaxEventBytes = "G6_SSE_MAX_EVENT_BYTES";
    public const string ShutdownGraceSec = "G6_SHUTDOWN_GRACE_SEC";
    public const string DisableResyncHttp = "G6_DISABLE_RESYNC_HTTP";
    public const string LogLevel = "G6_LOG_LEVEL";
    public const string LogFormat = "G6_LOG_FORMAT";
    public const string ApiToken = "G6_SSE_API_TOKEN";
    public const string ApiTokenFile = "G6_SSE_API_TOKEN_FILE";
    public const string IpAllow = "G6_SSE_IP_ALLOW";
    public const string UaAllow = "G6_SSE_UA_ALLOW";
    public const string IpConnectRate = "G6_SSE_IP_CONNECT_RATE";
    public const string MaxConnections = "G6_SSE_MAX_CONNECTIONS";
    public const string TrustedProxies = "G6_SSE_TRUSTED_PROXIES";
    public const string AllowOrigin = "G6_SSE_ALLOW_ORIGIN";
    public const string MetricsToken = "G6_METRICS_TOKEN";
    public const string MetricsTokenFile = "G6_METRICS_TOKEN_FILE";
    public const string HeadersTimeoutSec = "G6_SSE_HEADERS_TIMEOUT_SEC";
    public const string DirectStreams = "G6_SSE_DIRECT_STREAMS";
    public const string Compression = "G6_SSE_COMPRESSION";
    public const string FanOutWorkers = "G6_SSE_FANOUT_WORKERS";
    public const string SendBufferBytes = "G6_SSE_SEND_BUFFER_BYTES";
    public const string DemoProfile = "G6_SUMMARY_DEMO_PROFILE";
    public const string Dashboard = "G6_DASHBOARD";
    public const string SessionTtlSec = "G6_SESSION_TTL_SEC";
    public const string MaxFilters = "G6_SSE_MAX_FILTERS";
    public const string PublishToken = "G6_PUBLISH_TOKEN";
    public const string PublishTokenFile = "G6_PUBLISH_TOKEN_FILE";
    public const string PublishMaxBytes = "G6_PUBLISH_MAX_BYTES";
    public const string PublishRate = "G6_PUBLISH_RATE";
    public const string TlsCert = "G6_SSE_TLS_CERT";
    public const string TlsKey = "G6_SSE_TLS_KEY";
    public const string TlsKeyPasswordFile = "G6_SSE_TLS_KEY_PASSWORD_FILE";
    public const string Backplane = "G6_BACKPLANE";
    public const string Redis = "G6_REDIS";
    public const string RedisPrefix = "G6_REDIS_PREFIX";
    public const string NodeId = "G6_NODE_ID";
}
