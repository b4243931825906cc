namespace G6.Summary.Bench.Harness;

using G6.Summary.Protocol;

/// <summary>One harness run: M streams to one events URL, connected over a ramp, then measured.</summary>
/// <param name="EventsUrl">The full stream URL (e.g. <c>http://127.0.0.1:9320/summary/events</c>).</param>
/// <param name="Streams">Concurrent streams to open.</param>
/// <param name="RampUp">Connects are spread evenly over this time (zero: all at once).</param>
/// <param name="Warmup">After the ramp, time before measuring (lets the server and JIT settle).</param>
/// <param name="Duration">The measurement window: latency, rates and CPU are taken over it.</param>
/// <param name="ServerPid">The server's process on this machine, for its CPU and memory; null to skip.</param>
/// <param name="ConnectTimeout">A connect (through response headers) slower than this counts as failed.</param>
/// <param name="Reader">How streams are read: epoll on Linux by default, .NET sockets elsewhere.</param>
/// <param name="Reconnect">
/// A stream that the server closes (or ends with <c>bye</c>) or that fails connects again after
/// <see cref="ReconnectDelay"/>, with <c>Last-Event-ID</c> once it has an id, as a client would; the report
/// counts reconnects, resumes, full snapshots and gaps across them. Uses the .NET socket reader.
/// </param>
/// <param name="Gzip">Streams ask for <c>Accept-Encoding: gzip</c> and inflate what comes, as a browser does.</param>
public sealed record BenchOptions(
    Uri EventsUrl,
    int Streams,
    TimeSpan RampUp,
    TimeSpan Warmup,
    TimeSpan Duration,
    string? Token = null,
    string UserAgent = BenchOptions.DefaultUserAgent,
    int? ServerPid = null,
    TimeSpan? ConnectTimeout = null,
    BenchReader? Reader = null,
    bool Reconnect = false,
    bool Gzip = false)
{
    /// <summary>
    /// Between a stream's end and its next connect: short, so a reconnect storm is as dense as real clients
    /// could make it (EventSource waits the server's <c>retry:</c>, 3 s by default).
    /// </summary>
    public static readonly TimeSpan ReconnectDelay = TimeSpan.FromMilliseconds(250);

    public const string DefaultUserAgent = "g6-summary-bench/1";

    /// <summary>
    /// The reader this run uses: the one asked for, else epoll on Linux and .NET sockets elsewhere; <c>https://</c>
    /// streams are read through <see cref="System.Net.Security.SslStream"/>, which only the sockets reader has.
    /// </summary>
    public BenchReader ReaderInUse => Reconnect ? BenchReader.Sockets : Reader ?? (OperatingSystem.IsLinux() && EventsUrl.Scheme != Uri.UriSchemeHttps ? BenchReader.Epoll : BenchReader.Sockets);

    /// <summary>Generous: at 10,000 connects a backlogged accept queue can delay a SYN by seconds.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Accepts a base address (<c>http://host:port</c>) or a full stream URL; a bare base gets
    /// <c>/summary/events</c>.
    /// </summary>
    public static Uri ResolveEventsUrl(string url)
    {
        var uri = new Uri(url, UriKind.Absolute);
        return uri.AbsolutePath is "" or "/" ? new Uri(uri, EndpointPaths.Events) : uri;
    }
}
