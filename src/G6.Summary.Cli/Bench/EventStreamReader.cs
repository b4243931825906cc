using System.Globalization;
using System.Net.Sockets;
using G6.Summary.Protocol;

namespace G6.Summary.Cli.Bench;

/// <summary>
/// One stream of the harness on a bare socket: connect, send the request, read the response head, then
/// decode the body and parse its events until the server closes or the run stops. Outcomes go to the
/// stream's <see cref="StreamRecorder"/> (connect failures by cause, end cause); events to the handler.
/// </summary>
/// <remarks>
/// A socket rather than <see cref="HttpClient"/> because the harness must stay cheap at 100,000
/// events/s on the server's own cores: one receive per read straight into a pinned buffer, no
/// stream layers or per-read cancellation registrations, and (with the socket engine's inline
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

        int received;
        ResponseHead head;
        int headLength;
        using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(stop))
        {
            connectTimeout.CancelAfter(target.ConnectTimeout);
            try
            {
                await socket.ConnectAsync(target.EndPoint, connectTimeout.Token);
                await socket.SendAsync(target.Request, SocketFlags.None, connectTimeout.Token);
                (received, head, headLength) = await ReadHeadAsync(socket, buffer, connectTimeout.Token);
            }
            catch (Exception ex) when (stop.IsCancellationRequested && ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                recorder.MarkFailed("not_connected_by_end");
                return;
            }
            catch (OperationCanceledException)
            {
                recorder.MarkFailed("timeout");
                return;
            }
            catch (SocketException ex)
            {
                recorder.MarkFailed(CauseOf(ex.SocketErrorCode));
                return;
            }
            catch (EndOfStreamException)
            {
                recorder.MarkFailed("response_ended");
                return;
            }
            catch (InvalidDataException)
            {
                recorder.MarkFailed("invalid_response");
                return;
            }
        }

        if (head.Status is < 200 or > 299)
        {
            recorder.MarkFailed("http_" + head.Status.ToString(CultureInfo.InvariantCulture));
            return;
        }

        recorder.MarkConnected();
        var body = new BodyDecoder(head.Framing, head.ContentLength, new SseEventParser(onEvent));
        try
        {
            var complete = body.Feed(buffer.AsSpan(headLength, received - headLength));
            while (!complete)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    break;
                }

                complete = body.Feed(buffer.AsSpan(0, read));
            }

            if (!stop.IsCancellationRequested)
            {
                recorder.MarkEnded(head.Framing == BodyFraming.UntilClose || complete
                    ? (recorder.EventsByType.ContainsKey(EventNames.Bye) ? "bye" : "server_closed")
                    : "truncated");
            }
        }
        catch (InvalidDataException)
        {
            recorder.MarkEnded("invalid_stream");
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            if (!stop.IsCancellationRequested)
            {
                recorder.MarkEnded("reset");
            }
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
        var other => "socket_" + other.ToString().ToLowerInvariant(),
    };

    private static async Task<(int Received, ResponseHead Head, int HeadLength)> ReadHeadAsync(Socket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        var received = 0;
        while (true)
        {
            if (received == buffer.Length)
            {
                throw new InvalidDataException("response head does not fit the receive buffer");
            }

            var read = await socket.ReceiveAsync(buffer.AsMemory(received), SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                throw new EndOfStreamException();
            }

            received += read;
            if (ResponseHead.TryParse(buffer.AsSpan(0, received), out var head, out var length))
            {
                return (received, head, length);
            }
        }
    }
}
