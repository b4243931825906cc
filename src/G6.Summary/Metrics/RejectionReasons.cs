namespace G6.Summary.Metrics;

/// <summary>Stable labels for <c>g6_sse_http_rejected_connections_total{reason}</c>.</summary>
public static class RejectionReasons
{
    public const string Unauthorized = "unauthorized";
    public const string ForbiddenIp = "forbidden_ip";
    public const string ForbiddenUserAgent = "forbidden_ua";
    public const string RateLimited = "rate_limited";
    public const string TooManyConnections = "too_many_connections";
    public const string ShuttingDown = "shutting_down";

    /// <summary><c>?panels=</c> named unknown keys (400).</summary>
    public const string UnknownPanels = "unknown_panels";

    /// <summary><c>G6_SSE_MAX_FILTERS</c> distinct panel subsets are in use (503).</summary>
    public const string TooManyFilters = "too_many_filters";
}
