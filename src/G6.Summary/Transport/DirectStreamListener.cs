using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using G6.Summary.Configuration;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;

namespace G6.Summary.Transport;

/// <summary>
/// Kestrel's listening socket for one address, with the events endpoint's fast lane in front. Each
/// accepted connection's first bytes are peeked (not read): a plain <c>GET /summary/events</c> is
/// served by <see cref="DirectStreamEndpoint"/> on the bare socket; every other connection goes to
/// Kestrel exactly as its own socket transport would have made it, bytes untouched.
/// </summary>
internal sealed partial class DirectStreamListener : IConnectionListener
{
    // Kestrel's default backlog.
    private const int Backlog = 512;

    private readonly Socket _listenSocket;
    private readonly SummaryOptions _options;
    private readonly DirectStreamEndpoint _endpoint;
    private readonly SocketConnectionContextFactory _kestrelConnections;
    private readonly ILogger _logger;
    private readonly Channel<ConnectionContext> _forKestrel = Channel.CreateUnbounded<ConnectionContext>(
        new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });

    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _acceptLoop;
    private int _undecided;

    public DirectStreamListener(IPEndPoint endpoint, SummaryOptions options, SocketConnectionFactoryOptions kestrelOptions, DirectStreamEndpoint streamEndpoint, ILoggerFactory loggerFactory)
    {
        _options = options;
        _endpoint = streamEndpoint;
        _logger = loggerFactory.CreateLogger<DirectStreamListener>();
        _kestrelConnections = new SocketConnectionContextFactory(
            kestrelOptions,
            loggerFactory.CreateLogger("Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets"));

        _listenSocket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endpoint.Address.Equals(IPAddress.IPv6Any))
            {
                _listenSocket.DualMode = true;
            }

            _listenSocket.Bind(endpoint);
            _listenSocket.Listen(Backlog);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            _listenSocket.Dispose();
            throw new AddressInUseException(ex.Message, ex);
        }

        EndPoint = _listenSocket.LocalEndPoint!;
        _acceptLoop = AcceptLoopAsync();
    }

    public EndPoint EndPoint { get; }

    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            while (await _forKestrel.Reader.WaitToReadAsync(cancellationToken))
            {
                if (_forKestrel.Reader.TryRead(out var connection))
                {
                    return connection;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Kestrel is unbinding.
        }

        return null;
    }

    public async ValueTask UnbindAsync(CancellationToken cancellationToken = default)
    {
        await StopAcceptingAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAcceptingAsync();
        while (_forKestrel.Reader.TryRead(out var connection))
        {
            await connection.DisposeAsync();
        }

        _kestrelConnections.Dispose();
        _stopping.Dispose();
    }

    private async Task StopAcceptingAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync();
            _listenSocket.Dispose();
        }

        await _acceptLoop;
    }

    private async Task AcceptLoopAsync()
    {
        // Leave the constructor before the first accept.
        await Task.Yield();
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                Socket socket;
                try
                {
                    socket = await _listenSocket.AcceptAsync(_stopping.Token);
                }
                catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
                {
                    // The client gave up while queued; take the next.
                    continue;
                }
                catch (SocketException ex) when (ex.SocketErrorCode is SocketError.TooManyOpenSockets or SocketError.NoBufferSpaceAvailable)
                {
                    // Out of file descriptors: keep serving who is connected, try again shortly.
                    LogAcceptFailed(ex.SocketErrorCode.ToString());
                    await Task.Delay(TimeSpan.FromMilliseconds(100), _stopping.Token);
                    continue;
                }

                socket.NoDelay = true;
                _ = DecideAsync(socket);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException && _stopping.IsCancellationRequested)
        {
            // Unbound.
        }
        finally
        {
            _forKestrel.Writer.TryComplete();
        }
    }

    /// <summary>Waits for the connection's first bytes, then serves it directly or gives it to Kestrel.</summary>
    private async Task DecideAsync(Socket socket)
    {
        // Connections that have not yet sent their request are bounded like Kestrel bounds its own.
        if (Interlocked.Increment(ref _undecided) > RequestLimits.MaxConnections(_options.Security))
        {
            Interlocked.Decrement(ref _undecided);
            socket.Dispose();
            return;
        }

        StreamRequestHead? head = null;
        var buffer = ArrayPool<byte>.Shared.Rent(StreamRequestHead.MaxHeadBytes);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            timeout.CancelAfter(_options.Transport.HeadersTimeout);

            // Peek: the bytes stay in the socket for Kestrel if the request is not ours.
            var peeked = await socket.ReceiveAsync(buffer.AsMemory(0, StreamRequestHead.MaxHeadBytes), SocketFlags.Peek, timeout.Token);
            if (peeked == 0)
            {
                socket.Dispose();
                return;
            }

            if (StreamRequestHead.TryParse(buffer.AsSpan(0, peeked), out head) == HeadParse.Ours && IsEligible(head!))
            {
                // Now consume exactly the head; whatever follows is the stream's to ignore.
                var read = 0;
                while (read < head!.Length)
                {
                    var n = await socket.ReceiveAsync(buffer.AsMemory(read, head.Length - read), SocketFlags.None, timeout.Token);
                    if (n == 0)
                    {
                        socket.Dispose();
                        return;
                    }

                    read += n;
                }
            }
            else
            {
                head = null;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Silent past the headers timeout, reset, or the service is stopping: Kestrel would close it too.
            socket.Dispose();
            return;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            Interlocked.Decrement(ref _undecided);
        }

        if (head is not null)
        {
            // Not awaited: this frame (and the head) need not live as long as the stream.
            _ = _endpoint.ServeAsync(socket, head);
            return;
        }

        if (!_forKestrel.Writer.TryWrite(_kestrelConnections.Create(socket)))
        {
            socket.Dispose();
        }
    }

    // CORS answers and forwarded client addresses are Kestrel's middleware's to handle.
    private bool IsEligible(StreamRequestHead head) =>
        !(head.HasOrigin && _options.Security.AllowedOrigins.Count > 0) && !(head.HasForwarding && _options.Security.TrustedProxies.Count > 0);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Accepting a connection failed ({Error}); retrying")]
    private partial void LogAcceptFailed(string error);
}
