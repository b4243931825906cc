using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Net.Sockets;
using System.Text.Json;

namespace G6.Summary.Tests.Integration;

/// <summary>
/// A real HTTP client reading one stream with the runtime's <see cref="SseParser"/>. Events are pumped
/// into a channel so tests wait for the next one with a bound instead of sleeping.
/// </summary>
internal sealed class SseTestClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(15);

    private readonly HttpClient _http;
    private readonly ReceivedEventQueue _events = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _pump;

    private readonly string? _token;
    private readonly string? _cookie;
    private readonly Version? _version;
    private TaskCompletionSource _gate = CompletedGate();

    /// <param name="receiveBufferBytes">
    /// A small socket receive buffer makes "a client that stops reading" fill up within a few events,
    /// as a real stalled client behind a slow link would.
    /// </param>
    /// <param name="localAddress">Connect from this loopback address (e.g. 127.0.0.2) to look like another client.</param>
    /// <param name="cookie">A <c>Cookie</c> header to send (a dashboard session), as a browser would.</param>
    /// <param name="version">Ask for exactly this HTTP version (e.g. 2.0 over TLS, negotiated by ALPN).</param>
    /// <param name="trustedCertificate">Over HTTPS, the server's certificate (SHA-256 hex) to accept; a test's certificate is self-signed.</param>
    public SseTestClient(Uri baseAddress, int? receiveBufferBytes = null, string? token = null, System.Net.IPAddress? localAddress = null, string? cookie = null, Version? version = null, string? trustedCertificate = null)
    {
        _token = token;
        _cookie = cookie;
        _version = version;

        // No cookie container: a cookie is sent only when the test gives one, as its own header.
        var handler = new SocketsHttpHandler { UseCookies = false };
        if (trustedCertificate is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && string.Equals(certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), trustedCertificate, StringComparison.OrdinalIgnoreCase);
        }

        if (receiveBufferBytes is not null && version == HttpVersion.Version20)
        {
            // HTTP/2's own flow control: without reading, the client grants the server one 64 KiB window only.
            handler.InitialHttp2StreamWindowSize = 65535;
        }

        if (receiveBufferBytes is not null || localAddress is not null)
        {
            handler.ConnectCallback = async (context, token) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                if (receiveBufferBytes is { } size)
                {
                    socket.ReceiveBufferSize = size;
                }

                if (localAddress is not null)
                {
                    socket.Bind(new System.Net.IPEndPoint(localAddress, 0));
                }

                await socket.ConnectAsync(context.DnsEndPoint, token);
                LocalEndPoint = (IPEndPoint?)socket.LocalEndPoint;
                ReceiveBufferGranted = socket.ReceiveBufferSize;
                return new NetworkStream(socket, ownsSocket: true);
            };
        }

        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The client's end of the connection (only with a chosen receive buffer): finds the server's socket.</summary>
    public IPEndPoint? LocalEndPoint { get; private set; }

    /// <summary>The receive buffer the kernel granted (on Linux twice what was asked); with a chosen one only.</summary>
    public int? ReceiveBufferGranted { get; private set; }

    /// <summary>Stops reading from the socket (after the item in hand) until <see cref="Resume"/>.</summary>
    public void Pause() => Volatile.Write(ref _gate, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public void Resume() => Volatile.Read(ref _gate).TrySetResult();

    public HttpResponseMessage? Response { get; private set; }

    public TimeSpan? Retry { get; private set; }

    /// <summary>Completes when the server ends the stream.</summary>
    public Task Completion => _pump ?? Task.CompletedTask;

    public async Task ConnectAsync(string path, string? lastEventId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (_version is not null)
        {
            request.Version = _version;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (_token is not null)
        {
            request.Headers.TryAddWithoutValidation("X-API-Token", _token);
        }

        if (_cookie is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", _cookie);
        }

        if (lastEventId is not null)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        }

        using var connect = new CancellationTokenSource(DefaultWait);
        Response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, connect.Token);
        if (Response.IsSuccessStatusCode)
        {
            var body = await Response.Content.ReadAsStreamAsync(connect.Token);
            _pump = PumpAsync(body);
        }
    }

    public Task<ReceivedEvent> NextAsync(TimeSpan? wait = null) => _events.NextAsync(wait);

    /// <summary>Reads until an event named <paramref name="name"/> arrives; returns it and what came before.</summary>
    public Task<(ReceivedEvent Match, List<ReceivedEvent> Before)> NextNamedAsync(string name, TimeSpan? wait = null) => _events.NextNamedAsync(name, wait);

    public bool TryRead(out ReceivedEvent evt) => _events.TryRead(out evt);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Response?.Dispose();
        if (_pump is not null)
        {
            try
            {
                await _pump;
            }
            catch (Exception)
            {
                // Cancelled or cut off: the test is over either way.
            }
        }

        _http.Dispose();
        _stop.Dispose();
    }

    private static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource();
        gate.SetResult();
        return gate;
    }

    private async Task PumpAsync(Stream body)
    {
        try
        {
            var parser = SseParser.Create(body);
            await foreach (var item in parser.EnumerateAsync(_stop.Token))
            {
                await Volatile.Read(ref _gate).Task.WaitAsync(_stop.Token);
                Retry = parser.ReconnectionInterval;
                using var doc = JsonDocument.Parse(item.Data);
                var received = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).TotalMilliseconds;
                await _events.Writer.WriteAsync(new ReceivedEvent(item.EventType, item.EventId ?? string.Empty, doc.RootElement.Clone(), item.Data) { ReceivedAtMs = received });
            }
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }
}
