using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace G6.Summary.Bench.Harness;

/// <summary>
/// One stream of the harness on a bare .NET socket: connect, send the request, then hand what arrives to
/// the stream's <see cref="StreamResponse"/> until the server closes or the run stops.
/// </summary>
/// <remarks>
/// A socket rather than <see cref="HttpClient"/> because the harness must stay cheap at 100,000
/// events/s on the server's own cores: one receive per read straight into a pinned buffer, no
/// stream layers, no cancellation registration per read once the head is in, and (with the socket engine's inline
/// completions, which <c>bench</c> turns on) no thread-pool hop per read. docs/STREAMING.md
/// (Performance) has the harness's CPU per event through <see cref="HttpClient"/> and through this.
/// </remarks>
public static class EventStreamReader
{
    private const int ReceiveBufferBytes = 8 * 1024;

    /// <summary>Runs one stream to its end; never throws for network or protocol failures.</summary>
    public static async Task RunAsync(EventStreamTarget target, StreamRecorder recorder, SseEventParser.EventHandler onEvent, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(recorder);
        using var socket = new Socket(target.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };

        // The run's end closes the socket, which ends whatever receive is pending: one registration per
        // stream instead of one per receive.
        using var closeOnStop = stop.UnsafeRegister(static s => ((Socket)s!).Dispose(), socket);
        var buffer = GC.AllocateUninitializedArray<byte>(ReceiveBufferBytes, pinned: true);
        var response = new StreamResponse(recorder, onEvent);

        // The connect timeout runs until the response head has arrived.
        using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        connectTimeout.CancelAfter(target.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(target.EndPoint, connectTimeout.Token);
            if (target.TlsHost is not null)
            {
                await ReadTlsAsync(socket, target, buffer, response, connectTimeout.Token);
                return;
            }

            await socket.SendAsync(target.Request, SocketFlags.None, connectTimeout.Token);
            while (!response.IsOver)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, response.IsOpen ? CancellationToken.None : connectTimeout.Token);
                if (read == 0)
                {
                    response.OnClosed();
                    break;
                }

                response.Feed(buffer.AsSpan(0, read));
            }
        }
        catch (Exception ex) when (stop.IsCancellationRequested && ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            response.OnStopped();
        }
        catch (OperationCanceledException)
        {
            response.OnFailed("timeout");
        }
        catch (SocketException ex)
        {
            response.OnFailed(CauseOf(ex.SocketErrorCode));
        }
        catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException)
        {
            // Only the TLS path reads through a stream, which wraps socket errors in IOException.
            if (stop.IsCancellationRequested)
            {
                response.OnStopped();
            }
            else
            {
                response.OnFailed(ex.InnerException is SocketException socketError ? CauseOf(socketError.SocketErrorCode) : "tls");
            }
        }
    }

    /// <summary>
    /// The same stream over TLS (HTTP/1.1 by ALPN): one <see cref="SslStream"/> per stream, so each read pays for
    /// decryption and the stream layer; measured against plain streams in docs/STREAMING.md (Performance, TLS).
    /// </summary>
    private static async Task ReadTlsAsync(Socket socket, EventStreamTarget target, byte[] buffer, StreamResponse response, CancellationToken connectTimeout)
    {
        // A test certificate on this machine is accepted as it is; anywhere else the certificate must verify.
        var loopback = IPAddress.IsLoopback(target.EndPoint.Address);
        await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false, (_, _, _, errors) => loopback || errors == SslPolicyErrors.None);
        await tls.AuthenticateAsClientAsync(
            new SslClientAuthenticationOptions
            {
                TargetHost = target.TlsHost,
                ApplicationProtocols = [SslApplicationProtocol.Http11],
                CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
            },
            connectTimeout);
        await tls.WriteAsync(target.Request, connectTimeout);
        while (!response.IsOver)
        {
            var read = await tls.ReadAsync(buffer, response.IsOpen ? CancellationToken.None : connectTimeout);
            if (read == 0)
            {
                response.OnClosed();
                break;
            }

            response.Feed(buffer.AsSpan(0, read));
        }
    }

    /// <summary>Names a failed connect by its socket error (refused, reset, no files…).</summary>
    internal static string CauseOf(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "refused",
        SocketError.ConnectionReset => "reset",
        SocketError.TimedOut => "timeout",
        SocketError.TooManyOpenSockets => "too_many_open_files",
        SocketError.AddressAlreadyInUse or SocketError.AddressNotAvailable => "no_local_port",
        SocketError.HostNotFound or SocketError.NoData => "host_not_found",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable => "unreachable",
        var other => "socket_" + other.ToString().ToLowerInvariant(),
    };
}
