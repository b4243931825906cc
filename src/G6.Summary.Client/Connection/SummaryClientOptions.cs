namespace G6.Summary.Client;

/// <summary>Settings of a <see cref="SummaryClient"/>. Defaults suit a dashboard on the same network as the server.</summary>
public sealed record SummaryClientOptions
{
    /// <summary>The identifier sent as <c>User-Agent</c> unless <see cref="UserAgent"/> says otherwise.</summary>
    public const string DefaultUserAgent = "g6-summary-client/1";

    /// <summary>
    /// The refresh interval the default stale threshold assumes (the server's default
    /// <c>G6_SUMMARY_REFRESH_SEC</c>); clients cannot learn the real one from the stream.
    /// </summary>
    public static readonly TimeSpan DefaultAssumedRefreshInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Missed heartbeat periods before the stream counts as stale: one late heartbeat is jitter, three in a
    /// row mean the server's loop or the network path is stuck.
    /// </summary>
    public const int StaleHeartbeatPeriods = 3;

    /// <summary>Server base address, e.g. <c>http://127.0.0.1:9320</c>; the client appends <c>summary/events</c> and <c>summary/resync</c>.</summary>
    public required Uri BaseAddress { get; init; }

    /// <summary>Sent as <c>X-API-Token</c> when set (servers with <c>G6_SSE_API_TOKEN</c>).</summary>
    public string? ApiToken { get; init; }

    /// <summary>
    /// A panel subset to follow (<c>?panels=a,b</c>): the server sends only these panels, with a digest over
    /// them, and skips events that change none of them (so seq gaps are expected and accepted). Null or
    /// empty follows every panel. Keys are <c>[a-z_]+</c>; a key the server does not know makes it answer 400.
    /// </summary>
    public IReadOnlyList<string>? Panels { get; init; }

    /// <summary>
    /// Asks for the stream gzip-compressed (<c>Accept-Encoding: gzip</c>) and inflates it as it arrives: about half
    /// the bytes on the wire (docs/STREAMING.md, Compression), for a little CPU on both ends. Worth it across a
    /// WAN; on a LAN the plain stream is cheaper. A server with compression off sends the plain stream, which
    /// is read as usual.
    /// </summary>
    public bool AcceptGzip { get; init; }

    /// <summary>Sent as <c>User-Agent</c> (servers with <c>G6_SSE_UA_ALLOW</c> filter on it).</summary>
    public string UserAgent { get; init; } = DefaultUserAgent;

    /// <summary>Base reconnect delay until the server's <c>retry:</c> field is known (the server then sets the base).</summary>
    public TimeSpan InitialReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap of the exponential backoff, and of the server's <c>retry:</c> value.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Least delay after a 401 or 403: a refused token will not start working within seconds, and hammering
    /// an authenticating server only fills its security counters.
    /// </summary>
    public TimeSpan UnauthorizedRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Time without any event after which the state is <see cref="ConnectionState.Stale"/>; after twice this
    /// time the connection is dropped and made again (a half-open TCP connection never reports itself).
    /// Null (the default) derives it from the server: <see cref="StaleHeartbeatPeriods"/> ×
    /// <c>heartbeat_cycles</c> (from <c>hello</c>) × <see cref="AssumedRefreshInterval"/>; 15 s with the
    /// server's defaults. Set it when the server runs a slower refresh.
    /// </summary>
    public TimeSpan? StaleAfter { get; init; }

    /// <summary>The server's refresh interval as assumed by the default stale threshold.</summary>
    public TimeSpan AssumedRefreshInterval { get; init; } = DefaultAssumedRefreshInterval;

    /// <summary>Bound on connecting and receiving response headers, and on a whole resync request.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks every value; called by the <see cref="SummaryClient"/> constructor.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (BaseAddress is null || !BaseAddress.IsAbsoluteUri || (BaseAddress.Scheme != Uri.UriSchemeHttp && BaseAddress.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("BaseAddress must be an absolute http or https address.", nameof(BaseAddress));
        }

        if (ApiToken is { } token && (token.Length == 0 || token.Any(char.IsControl)))
        {
            throw new ArgumentException("ApiToken must be non-empty text without control characters.", nameof(ApiToken));
        }

        if (string.IsNullOrWhiteSpace(UserAgent) || UserAgent.Any(char.IsControl))
        {
            throw new ArgumentException("UserAgent must be non-empty text without control characters.", nameof(UserAgent));
        }

        if (Panels is { } panels && panels.Any(k => string.IsNullOrEmpty(k) || !k.All(c => c is (>= 'a' and <= 'z') or '_')))
        {
            throw new ArgumentException("Panels must be panel keys made of a-z and _.", nameof(Panels));
        }

        Positive(InitialReconnectDelay, nameof(InitialReconnectDelay));
        Positive(MaxReconnectDelay, nameof(MaxReconnectDelay));
        Positive(UnauthorizedRetryDelay, nameof(UnauthorizedRetryDelay));
        Positive(AssumedRefreshInterval, nameof(AssumedRefreshInterval));
        Positive(RequestTimeout, nameof(RequestTimeout));
        if (StaleAfter is { } stale)
        {
            Positive(stale, nameof(StaleAfter));
        }
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{name} must be positive.", name);
        }
    }
}
