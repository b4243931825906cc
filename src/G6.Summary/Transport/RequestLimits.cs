namespace G6.Summary.Transport;

/// <summary>
/// Request limits, in one place for Kestrel (<c>SummaryServer</c>) and the direct path's head parser:
/// every endpoint takes a small request, so anything large is hostile or broken and is refused before
/// our code runs (431 for headers, 414 for the request line).
/// </summary>
public static class RequestLimits
{
    public const int MaxHeaderCount = 64;

    public const int MaxHeadersTotalBytes = 16 * 1024;

    public const int MaxRequestLineBytes = 8 * 1024;

    /// <summary>
    /// Connections at once, whichever path serves them (Kestrel's limit, and the direct path's bound on
    /// connections that have not yet sent their request). Streams are capped by admission (429 with
    /// Retry-After); this bounds raw sockets (floods of connections that never send a request) while
    /// leaving room for health, metrics and refusals.
    /// </summary>
    public static long MaxConnections(Configuration.SecurityOptions security) => security.MaxConnections + 1024L;
}
