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
}
