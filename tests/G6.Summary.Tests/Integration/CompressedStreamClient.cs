using System.IO.Compression;
using System.IO.Pipelines;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace G6.Summary.Tests.Integration;

/// <summary>
/// One event stream read as its bytes came: the body exactly as sent (no automatic decompression), handed
/// to an optional sink (an independent decoder) as each read returns, and also decoded here (the runtime's
/// <see cref="GZipStream"/> when the response is gzip, then <see cref="SseParser"/>) into events a test waits for.
/// </summary>
internal sealed class CompressedStreamClient : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly Lock _lock = new();
    private readonly MemoryStream _raw = new();
    private readonly Pipe _pipe = new();
    private readonly ReceivedEventQueue _events = new();
    private readonly CancellationTokenSource _stop = new();
    private Func<ReadOnlyMemory<byte>, Task>? _sink;
    private Task? _pump;
    private Task? _decode;
    private readonly Version? _version;

    /// <param name="version">Ask for exactly this HTTP version (2.0 over TLS, negotiated by ALPN).</param>
    /// <param name="trustedCertificate">Over HTTPS, the server's certificate (SHA-256 hex) to accept.</param>
    public CompressedStreamClient(Uri baseAddress, Version? version = null, string? trustedCertificate = null)
    {
        _version = version;

        // No decompression by the handler: the test sees the coding the server chose and every byte of it.
        var handler = new SocketsHttpHandler { UseCookies = false, AutomaticDecompression = System.Net.DecompressionMethods.None };
        if (trustedCertificate is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && string.Equals(certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), trustedCertificate, StringComparison.OrdinalIgnoreCase);
        }

        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
    }

    public HttpResponseMessage? Response { get; private set; }

    /// <summary>The response says <c>Content-Encoding: gzip</c>.</summary>
    public bool IsGzip => Response?.Content.Headers.ContentEncoding.Contains("gzip") == true;

    /// <summary>Every <c>Content-Encoding</c> the response named.</summary>
    public IReadOnlyList<string> ContentEncodings => Response is null ? [] : [.. Response.Content.Headers.ContentEncoding];

    /// <summary>Every <c>Vary</c> the response named.</summary>
    public IReadOnlyList<string> Vary => Response is null ? [] : [.. Response.Headers.Vary];

    /// <summary>Completes when the server ends the body (and everything read was handed on).</summary>
    public Task Completion => _pump ?? Task.CompletedTask;

    /// <summary>The body's bytes so far, exactly as received.</summary>
    public byte[] RawBody()
    {
        lock (_lock)
        {
            return _raw.ToArray();
        }
    }

    /// <param name="acceptEncoding">The request's <c>Accept-Encoding</c>; none when null.</param>
    /// <param name="sink">Given each read's bytes before they are decoded here (e.g. a decoder process's stdin).</param>
    /// <param name="token">An API token to send (<c>X-API-Token</c>).</param>
    public async Task ConnectAsync(string path, string? acceptEncoding, string? lastEventId = null, Func<ReadOnlyMemory<byte>, Task>? sink = null, string? token = null)
    {
        _sink = sink;
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (_version is not null)
        {
            request.Version = _version;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (acceptEncoding is not null)
        {
            Assert.True(request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding));
        }

        if (lastEventId is not null)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        }

        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("X-API-Token", token);
        }

        using var connect = new CancellationTokenSource(SseTestClient.DefaultWait);
        Response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, connect.Token);
        Response.EnsureSuccessStatusCode();
        var body = await Response.Content.ReadAsStreamAsync(connect.Token);
        _decode = DecodeAsync(IsGzip);
        _pump = PumpAsync(body);
    }

    public Task<ReceivedEvent> NextAsync(TimeSpan? wait = null) => _events.NextAsync(wait, Received);

    /// <summary>Reads until an event named <paramref name="name"/>; returns it and what came before.</summary>
    public Task<(ReceivedEvent Match, List<ReceivedEvent> Before)> NextNamedAsync(string name, TimeSpan? wait = null) => _events.NextNamedAsync(name, wait, Received);

    public bool TryRead(out ReceivedEvent evt) => _events.TryRead(out evt);

    private string Received() => $"{RawBody().Length} body bytes received";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Response?.Dispose();
        foreach (var task in new[] { _pump, _decode })
        {
            if (task is null)
            {
                continue;
            }

            try
            {
                await task;
            }
            catch (Exception)
            {
                // Cancelled or cut off: the test is over either way.
            }
        }

        _http.Dispose();
        _stop.Dispose();
    }

    private async Task PumpAsync(Stream body)
    {
        Exception? failure = null;
        try
        {
            var buffer = new byte[16 * 1024];
            while (true)
            {
                var read = await body.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    break;
                }

                var chunk = buffer.AsMemory(0, read);
                lock (_lock)
                {
                    _raw.Write(chunk.Span);
                }

                if (_sink is not null)
                {
                    await _sink(chunk);
                }

                await _pipe.Writer.WriteAsync(chunk, _stop.Token);
            }
        }
        catch (Exception ex)
        {
            failure = ex;
            throw;
        }
        finally
        {
            await _pipe.Writer.CompleteAsync(failure);
        }
    }

    private async Task DecodeAsync(bool gzip)
    {
        try
        {
            Stream plain = _pipe.Reader.AsStream();
            if (gzip)
            {
                plain = new GZipStream(plain, CompressionMode.Decompress);
            }

            await using (plain)
            {
                await foreach (var item in SseParser.Create(plain).EnumerateAsync(_stop.Token))
                {
                    using var doc = JsonDocument.Parse(item.Data);
                    var received = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).TotalMilliseconds;
                    await _events.Writer.WriteAsync(new ReceivedEvent(item.EventType, item.EventId ?? string.Empty, doc.RootElement.Clone(), item.Data) { ReceivedAtMs = received });
                }
            }
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }
}
