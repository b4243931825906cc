using System.Net;
using System.Net.Sockets;
using System.Text;

namespace G6.Summary.Tests.Hardening;

/// <summary>
/// Sends bytes exactly as given (no client library would send CR/LF in a header or a NUL in a path)
/// and reads what comes back: the status line, the headers, and the body until the server closes, or,
/// for an event stream, until its opening events have arrived.
/// </summary>
internal static class RawHttp
{
    public static async Task<RawResponse> SendAsync(Uri server, byte[] request, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var received = new MemoryStream();
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, server.Port), cts.Token);
            await socket.SendAsync(request, SocketFlags.None, cts.Token);
            var buffer = new byte[8192];
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
                if (read == 0)
                {
                    break;
                }

                received.Write(buffer, 0, read);
                if (StreamOpened(received))
                {
                    break;
                }
            }
        }
        catch (SocketException)
        {
            // Reset by the server after (or instead of) an answer: what arrived is the answer.
        }
        catch (OperationCanceledException)
        {
            return RawResponse.Parse(received.ToArray(), timedOut: true);
        }

        return RawResponse.Parse(received.ToArray(), timedOut: false);
    }

    /// <summary>An event stream never ends by itself: stop once its first events are in.</summary>
    private static bool StreamOpened(MemoryStream received)
    {
        var text = Encoding.UTF8.GetString(received.GetBuffer(), 0, (int)received.Length);
        if (!text.Contains("text/event-stream", StringComparison.Ordinal))
        {
            return false;
        }

        var opening = text.IndexOf("event: full_snapshot", StringComparison.Ordinal);
        if (opening < 0)
        {
            opening = text.IndexOf("\"resumed\":true", StringComparison.Ordinal);
        }

        return opening >= 0 && text.IndexOf("\n\n", opening, StringComparison.Ordinal) > 0;
    }
}
