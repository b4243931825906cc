using System.Net;
using System.Net.Sockets;
using System.Text;

namespace G6.Summary.Tests.Transport;

/// <summary>One TCP connection to the test server, written and read as raw bytes.</summary>
internal sealed class RawConnection : IAsyncDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly StringBuilder _received = new();
    private readonly byte[] _buffer = new byte[16 * 1024];

    public string Received => _received.ToString();

    /// <summary>The client's end of the connection (finds the server's socket, <see cref="TestSupport.ServerSockets"/>).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>True once the server closed its side.</summary>
    public bool Closed { get; private set; }

    public static async Task<RawConnection> OpenAsync(Uri server)
    {
        var connection = new RawConnection();
        await connection._socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, server.Port));
        return connection;
    }

    public async Task SendAsync(string text) => await _socket.SendAsync(Encoding.Latin1.GetBytes(text), SocketFlags.None);

    /// <summary>
    /// Sends, or returns false when the server has already closed or reset the connection (a send then
    /// fails with a reset or a broken pipe): for tests whose expected outcome is exactly that close.
    /// </summary>
    public async Task<bool> TrySendAsync(string text)
    {
        try
        {
            await SendAsync(text);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Reads until <paramref name="done"/> holds for everything received, or the server closes.</summary>
    public async Task<string> ReadUntilAsync(Func<string, bool> done, TimeSpan? wait = null)
    {
        using var cts = new CancellationTokenSource(wait ?? TimeSpan.FromSeconds(15));
        while (!done(Received))
        {
            int read;
            try
            {
                read = await _socket.ReceiveAsync(_buffer, SocketFlags.None, cts.Token);
            }
            catch (SocketException)
            {
                read = 0;
            }

            if (read == 0)
            {
                Closed = true;
                break;
            }

            _received.Append(Encoding.UTF8.GetString(_buffer, 0, read));
        }

        return Received;
    }

    /// <summary>Reads until the server closes the connection (or the wait ends: then false).</summary>
    public async Task<bool> ReadToCloseAsync(TimeSpan? wait = null)
    {
        try
        {
            await ReadUntilAsync(_ => false, wait);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        return Closed;
    }

    public static bool HasEvent(string text, string name)
    {
        var at = text.IndexOf("event: " + name + "\n", StringComparison.Ordinal);
        return at >= 0 && text.IndexOf("\n\n", at, StringComparison.Ordinal) > 0;
    }

    public static string HeadOf(string text)
    {
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
