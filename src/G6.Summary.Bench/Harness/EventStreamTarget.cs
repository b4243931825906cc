using System.Net;
using System.Net.Sockets;
using System.Text;
using G6.Summary.Protocol;

namespace G6.Summary.Bench.Harness;

/// <summary>
/// Where every stream of a run connects and the request each sends: resolved and encoded once, since
/// 10,000 streams send the very same bytes.
/// </summary>
public sealed class EventStreamTarget
{
    private EventStreamTarget(IPEndPoint endPoint, byte[] request, TimeSpan connectTimeout, string? tlsHost)
    {
        EndPoint = endPoint;
        Request = request;
        ConnectTimeout = connectTimeout;
        TlsHost = tlsHost;
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>
    /// For <c>https://</c>: the name sent in the TLS handshake (SNI). A loopback server's certificate is accepted
    /// as it is (a test certificate: the harness measures, it trusts the server with nothing); any other must verify.
    /// </summary>
    public string? TlsHost { get; }

    /// <summary>The whole HTTP/1.1 request: GET, Host, Accept, Cache-Control, User-Agent, Accept-Encoding when asked, and the token if any.</summary>
    public ReadOnlyMemory<byte> Request { get; }

    /// <summary>The request of a stream that resumes: <see cref="Request"/> with a <c>Last-Event-ID</c> header.</summary>
    public ReadOnlyMemory<byte> RequestResuming(string lastEventId)
    {
        var id = HeaderValue(lastEventId, "Last-Event-ID");
        var head = Request.Span[..^2];
        var bytes = new byte[head.Length + 15 + id.Length + 4];
        head.CopyTo(bytes);
        var at = head.Length + Encoding.ASCII.GetBytes("Last-Event-ID: ", bytes.AsSpan(head.Length));
        at += Encoding.ASCII.GetBytes(id, bytes.AsSpan(at));
        Encoding.ASCII.GetBytes("\r\n\r\n", bytes.AsSpan(at));
        return bytes;
    }

    /// <summary>A stream whose response head has not arrived this long after its connect began has failed.</summary>
    public TimeSpan ConnectTimeout { get; }

    /// <exception cref="ArgumentException">Not an <c>http://</c> or <c>https://</c> URL, <c>https://</c> with the epoll reader, or a header value with a line break.</exception>
    public static async Task<EventStreamTarget> ResolveAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var url = options.EventsUrl;
        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"the harness opens http:// or https:// streams (loopback load only), not {url.Scheme}://", nameof(options));
        }

        var tls = url.Scheme == Uri.UriSchemeHttps;
        if (tls && options.ReaderInUse == BenchReader.Epoll)
        {
            throw new ArgumentException("https:// streams need --reader Sockets (the epoll reader has no TLS)", nameof(options));
        }

        var address = IPAddress.TryParse(url.IdnHost, out var literal) ? literal : await LookUpAsync(url.IdnHost, cancellationToken);

        var request = new StringBuilder()
            .Append("GET ").Append(url.PathAndQuery).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(url.Authority).Append("\r\n")
            .Append("Accept: ").Append(MediaTypes.EventStream).Append("\r\n")
            .Append("Cache-Control: no-cache\r\n")
            .Append("User-Agent: ").Append(HeaderValue(options.UserAgent, "User-Agent")).Append("\r\n");
        if (options.Gzip)
        {
            request.Append("Accept-Encoding: gzip\r\n");
        }

        if (options.Token is not null)
        {
            request.Append(HeaderNames.ApiToken).Append(": ").Append(HeaderValue(options.Token, "token")).Append("\r\n");
        }

        request.Append("\r\n");
        return new EventStreamTarget(
            new IPEndPoint(address, url.Port),
            Encoding.UTF8.GetBytes(request.ToString()),
            options.ConnectTimeout ?? BenchOptions.DefaultConnectTimeout,
            tls ? url.IdnHost : null);
    }

    /// <summary>IPv4 first: "localhost" often lists ::1 first while servers listen on 127.0.0.1.</summary>
    private static async Task<IPAddress> LookUpAsync(string host, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (SocketException ex)
        {
            throw new ArgumentException($"cannot resolve {host}: {ex.SocketErrorCode}", ex);
        }

        return addresses.OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1).FirstOrDefault()
            ?? throw new ArgumentException($"{host} has no address");
    }

    private static string HeaderValue(string value, string what) =>
        value.Any(c => c is '\r' or '\n' or '\0')
            ? throw new ArgumentException($"the {what} must not contain line breaks", nameof(value))
            : value;
}
