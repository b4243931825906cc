using System.Buffers;
using System.Net;
using G6.Summary.Configuration;
using G6.Summary.Security;
using G6.Summary.Streaming;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Logging;

namespace G6.Summary.Transport;

/// <summary>
/// A Kestrel connection middleware (<c>ListenOptions.Use</c>) in front of the HTTP layer: it reads a
/// connection's first bytes from Kestrel's input pipe without consuming them, and a plain
/// <c>GET /summary/events</c> is served here on the connection's socket (<see cref="KestrelStreamSocket"/>),
/// with the same admission and hub as the Kestrel endpoint; every other connection goes on to Kestrel's
/// HTTP layer with its bytes untouched. Kestrel keeps its accept loop, its connection limit and its
/// connection metrics for both kinds.
/// </summary>
internal sealed partial class StreamConnectionRouter(
    SummaryOptions options,
    AdmissionController admission,
    StreamHub hub,
    StreamSendBuffer sendBuffer,
    DirectStreamsState state,
    TimeProvider timeProvider,
    ILogger<StreamConnectionRouter> logger)
{
    public async Task OnConnectionAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var (route, head) = await ReadHeadAsync(connection);
        if (route == Route.Kestrel)
        {
            await next(connection);
            return;
        }

        if (route == Route.Close)
        {
            // Silent past the headers timeout, or gone: Kestrel would close it too.
            return;
        }

        if (connection.Features.Get<IConnectionSocketFeature>()?.Socket is not { } socket)
        {
            // Another transport than Kestrel's sockets: serve everything through Kestrel, and say so once.
            state.TurnOff("the connection has no socket (not Kestrel's socket transport)");
            await next(connection);
            return;
        }

        await ServeAsync(connection, socket, head!);
    }

    private enum Route
    {
        /// <summary>A plain events request: served here, its head consumed from the pipe.</summary>
        Stream,

        /// <summary>Anything else: Kestrel's HTTP layer gets every byte.</summary>
        Kestrel,

        /// <summary>Nothing usable arrived in time, or the client left.</summary>
        Close,
    }

    private async Task<(Route Route, StreamRequestHead? Head)> ReadHeadAsync(ConnectionContext connection)
    {
        var input = connection.Transport.Input;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
        timeout.CancelAfter(options.Transport.HeadersTimeout);
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(timeout.Token);
                var buffer = result.Buffer;
                var parse = Parse(buffer, out var head);
                if (parse == HeadParse.Ours && IsEligible(head!))
                {
                    input.AdvanceTo(buffer.GetPosition(head!.Length));
                    return (Route.Stream, head);
                }

                if (parse == HeadParse.Incomplete && !result.IsCompleted && buffer.Length < StreamRequestHead.MaxHeadBytes)
                {
                    // Looked at all of it, used none: wake when more arrives.
                    input.AdvanceTo(buffer.Start, buffer.End);
                    continue;
                }

                // Kestrel's: leave every byte for its HTTP parser.
                input.AdvanceTo(buffer.Start);
                return (Route.Kestrel, null);
            }
        }
        catch (OperationCanceledException)
        {
            return (Route.Close, null);
        }
    }

    private static HeadParse Parse(ReadOnlySequence<byte> buffer, out StreamRequestHead? head)
    {
        var length = (int)Math.Min(buffer.Length, StreamRequestHead.MaxHeadBytes);
        if (buffer.IsSingleSegment)
        {
            return StreamRequestHead.TryParse(buffer.FirstSpan[..length], out head);
        }

        var copy = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            buffer.Slice(0, length).CopyTo(copy);
            return StreamRequestHead.TryParse(copy.AsSpan(0, length), out head);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    private Task ServeAsync(ConnectionContext connection, System.Net.Sockets.Socket socket, StreamRequestHead head)
    {
        var stream = new KestrelStreamSocket(connection, socket);
        try
        {
            var requestId = RequestId.Choose(head.RequestId);
            var peer = PeerAddress.Normalize((connection.RemoteEndPoint as IPEndPoint)?.Address);
            var decision = admission.Admit(new AdmissionRequest(peer, head.Token, head.UserAgent, requestId, head.Cookie), reserveStream: true);
            if (!decision.Admitted)
            {
                stream.Write(DirectResponse.Refusal(decision, requestId, timeProvider.GetUtcNow()));
                return SendAndCompleteAsync(stream);
            }

            // Before the first byte: from here on the kernel holds at most the bounded buffer for this client.
            sendBuffer.Apply(socket);

            // The head leaves with the stream's first frames, in one send.
            stream.Write(DirectResponse.StreamHead(requestId, timeProvider.GetUtcNow()));
            _ = stream.WatchForCloseAsync(connection.Transport.Input);
            var resume = ResumePoint.TryParse(head.LastEventId, out var point) ? point : (ResumePoint?)null;

            // The hub completes the stream when it ends (StreamConnection.Complete); Kestrel closes the
            // connection once this task is done.
            _ = hub.RunAsync(stream, resume);
            return stream.Ended;
        }
        catch (Exception ex)
        {
            // Same rule as the error boundary: the type only, never the message.
            LogFailed(ex.GetType().Name);
            stream.Abort();
            return Task.CompletedTask;
        }
    }

    private static async Task SendAndCompleteAsync(KestrelStreamSocket stream)
    {
        try
        {
            await stream.FlushAsync();
        }
        finally
        {
            stream.Complete();
        }
    }

    // CORS answers and forwarded client addresses are Kestrel's middleware's to handle.
    private bool IsEligible(StreamRequestHead head) =>
        !(head.HasOrigin && options.Security.AllowedOrigins.Count > 0) && !(head.HasForwarding && options.Security.TrustedProxies.Count > 0);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Stream failed unexpectedly ({ErrorType}); connection closed")]
    private partial void LogFailed(string errorType);
}
