using System.Net;
using System.Net.Sockets;
using G6.Summary.Compression;
using G6.Summary.Configuration;
using G6.Summary.Security;
using G6.Summary.Streaming;
using Microsoft.Extensions.Logging;

namespace G6.Summary.Transport;

/// <summary>
/// <c>GET /summary/events</c> on the direct stream transport: the same admission (same checks, order,
/// metrics and audit lines) and the same hub as the Kestrel endpoint, on a connection that carries
/// nothing but the stream.
/// </summary>
internal sealed partial class DirectStreamEndpoint(
    SummaryOptions options,
    AdmissionController admission,
    StreamHub hub,
    StreamSendBuffer sendBuffer,
    Metrics.ISummaryMetrics metrics,
    TimeProvider timeProvider,
    ILogger<DirectStreamEndpoint> logger)
{
    /// <summary>
    /// Admits the request and serves the stream until it ends, then closes the socket (which this now
    /// owns). Only what the stream needs is kept for its life: not the request head, not this frame.
    /// </summary>
    public Task ServeAsync(Socket socket, StreamRequestHead head)
    {
        var connection = new SocketStreamConnection(socket);
        try
        {
            var requestId = RequestId.Choose(head.RequestId);
            var request = new AdmissionRequest(PeerAddress.Normalize((socket.RemoteEndPoint as IPEndPoint)?.Address), head.Token, head.UserAgent, requestId, head.Cookie);
            var decision = admission.Admit(request, reserveStream: true);
            if (!decision.Admitted)
            {
                connection.Write(DirectResponse.Refusal(decision, requestId, timeProvider.GetUtcNow()));
                return SendAndCloseAsync(connection);
            }

            if (!hub.TryOpenFilter(head.Panels, metrics, out var filter, out var refusal))
            {
                hub.ReleaseSlot();
                connection.Write(DirectResponse.Refusal(refusal, requestId, timeProvider.GetUtcNow()));
                return SendAndCloseAsync(connection);
            }

            // Before the first byte: from here on the kernel holds at most the bounded buffer for this client.
            sendBuffer.Apply(socket);

            // The head leaves with the stream's first frames, in one send.
            var coding = ContentNegotiation.Choose(head.AcceptEncoding, options.Streaming.Compression);
            connection.Write(DirectResponse.StreamHead(requestId, timeProvider.GetUtcNow(), coding, options.Streaming.Compression));
            _ = connection.WatchForCloseAsync();
            var resume = ResumePoint.TryParse(head.LastEventId, out var point) ? point : (ResumePoint?)null;

            // The hub closes the connection when the stream ends (StreamConnection.Complete), so no
            // frame of this class waits for the stream's whole life.
            return hub.RunAsync(connection, resume, decision.Credential, filter, coding);
        }
        catch (Exception ex)
        {
            Fail(connection, ex);
            return Task.CompletedTask;
        }
    }

    private static async Task SendAndCloseAsync(SocketStreamConnection connection)
    {
        try
        {
            await connection.FlushAsync();
        }
        finally
        {
            connection.Close();
        }
    }

    private void Fail(SocketStreamConnection connection, Exception ex)
    {
        // Same rule as the error boundary: the type only, never the message.
        LogFailed(ex.GetType().Name);
        connection.Abort();
    }

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Stream failed unexpectedly ({ErrorType}); connection closed")]
    private partial void LogFailed(string errorType);
}
