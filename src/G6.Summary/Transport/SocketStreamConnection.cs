using System.Buffers;
using System.Net.Sockets;
using G6.Summary.Streaming;

namespace G6.Summary.Transport;

/// <summary>
/// A stream written straight to its socket. Hand-written because this is the fan-out's hot path: a
/// frame is the event log's shared encoding, sent as it is (no copy, no pipe, no thread hop), and an
/// idle stream holds only its socket and a pending zero-copy receive, not Kestrel's per-connection
/// HTTP state (docs/STREAMING.md, Performance, has the measurements). The body is delimited by the
/// close (<c>Connection: close</c>), so there is no chunk framing to add to each write.
/// </summary>
internal sealed class SocketStreamConnection : StreamConnection, IDisposable
{
    // After its request a stream's client has nothing to say; whatever it sends is read into this
    // shared buffer and dropped (nobody reads it, so sharing it between sockets is harmless).
    private static readonly byte[] Ignored = new byte[512];

    // A client that keeps sending after its request is not an SSE client; stop reading it at this.
    private const long MaxIgnoredBytes = 64 * 1024;

    private readonly Socket _socket;

    // Made only if someone asks for a token (a throttled stream's timer): an idle stream is woken on
    // abort through its doorbell instead, which saves a token source and its callback per stream.
    private CancellationTokenSource? _abortedSource;
    private Doorbell? _wakeOnAbort;

    // One frame is sent as it is; more than one are joined in a rented buffer.
    private ReadOnlyMemory<byte> _single;
    private byte[]? _joined;
    private int _joinedLength;
    private int _closed;

    public SocketStreamConnection(Socket socket)
    {
        _socket = socket;

        // Sends never wait on this thread: one that cannot complete says so and goes on asynchronously.
        _socket.Blocking = false;
    }

    public override bool IsAborted => Volatile.Read(ref _closed) != 0;

    public override CancellationToken Aborted
    {
        get
        {
            var source = Volatile.Read(ref _abortedSource);
            if (source is null)
            {
                var created = new CancellationTokenSource();
                source = Interlocked.CompareExchange(ref _abortedSource, created, null) ?? created;
                if (source != created)
                {
                    created.Dispose();
                }
            }

            // Closed before (or while) the source was made: it must not stay uncancelled.
            if (IsAborted)
            {
                source.Cancel();
            }

            return source.Token;
        }
    }

    public override void Write(ReadOnlyMemory<byte> frame)
    {
        if (frame.IsEmpty)
        {
            return;
        }

        if (_joined is null && _single.IsEmpty)
        {
            _single = frame;
            return;
        }

        if (_joined is null)
        {
            _joined = ArrayPool<byte>.Shared.Rent(Math.Max(4096, (_single.Length + frame.Length) * 2));
            _single.CopyTo(_joined);
            _joinedLength = _single.Length;
            _single = default;
        }
        else if (_joined.Length - _joinedLength < frame.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent((_joinedLength + frame.Length) * 2);
            _joined.AsSpan(0, _joinedLength).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_joined);
            _joined = larger;
        }

        frame.CopyTo(_joined.AsMemory(_joinedLength));
        _joinedLength += frame.Length;
    }

    public override ValueTask<bool> FlushAsync(CancellationToken cancellationToken = default)
    {
        var data = _joined is null ? _single : _joined.AsMemory(0, _joinedLength);
        if (data.IsEmpty)
        {
            return new ValueTask<bool>(!IsAborted);
        }

        // A plain non-blocking send first: it takes everything whenever the client keeps up, with one
        // syscall and without the runtime's per-socket async send state (about 0.4 KB a stream, kept
        // for the socket's life once created). Only a full socket buffer goes on asynchronously.
        int sent;
        SocketError error;
        try
        {
            sent = _socket.Send(data.Span, SocketFlags.None, out error);
        }
        catch (ObjectDisposedException)
        {
            ClearWritten();
            return new ValueTask<bool>(false);
        }

        if (error == SocketError.Success && sent == data.Length)
        {
            ClearWritten();
            return new ValueTask<bool>(true);
        }

        if (error is not (SocketError.Success or SocketError.WouldBlock))
        {
            ClearWritten();
            return new ValueTask<bool>(false);
        }

        ValueTask<int> rest;
        try
        {
            rest = _socket.SendAsync(data[sent..], SocketFlags.None, cancellationToken);
        }
        catch (Exception ex) when (IsConnectionGone(ex))
        {
            ClearWritten();
            return new ValueTask<bool>(false);
        }

        return AwaitSendAsync(rest);
    }

    public override void Abort()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        _socket.Dispose();
        SignalAborted();
    }

    internal override void WakeOnAbort(Doorbell bell)
    {
        Interlocked.Exchange(ref _wakeOnAbort, bell);
        if (IsAborted)
        {
            bell.Ring();
        }
    }

    internal override void StopWakingOnAbort() => Interlocked.Exchange(ref _wakeOnAbort, null);

    /// <summary>
    /// Reads (and drops) whatever the client sends from now on; when it closes, sends too much or the
    /// connection fails, the stream is aborted. This is how a departed client is noticed.
    /// </summary>
    public async Task WatchForCloseAsync()
    {
        long ignored = 0;
        try
        {
            while (ignored <= MaxIgnoredBytes)
            {
                var read = await _socket.ReceiveAsync(Ignored.AsMemory(), SocketFlags.None);
                if (read == 0)
                {
                    break;
                }

                ignored += read;
            }
        }
        catch (Exception ex) when (IsConnectionGone(ex))
        {
            // Reset or closed under us: either way the stream is over.
        }

        Abort();
    }

    /// <summary>
    /// Ends the stream after its last frame: the send side is shut (the client sees the end of the
    /// body once everything queued has arrived), then the socket is released.
    /// </summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (IsConnectionGone(ex))
        {
            // Already reset by the client.
        }

        _socket.Dispose();
        SignalAborted();
    }

    /// <summary>The stream is over: its last frames go out, then the connection closes (<see cref="Close"/>).</summary>
    public override void Complete() => Close();

    public void Dispose() => Close();

    // After _closed is set (a full fence): whoever registers later sees it closed and rings itself.
    private void SignalAborted()
    {
        Volatile.Read(ref _wakeOnAbort)?.Ring();
        Volatile.Read(ref _abortedSource)?.Cancel();
    }

    private static bool IsConnectionGone(Exception ex) =>
        ex is SocketException or ObjectDisposedException or OperationCanceledException or IOException;

    private async ValueTask<bool> AwaitSendAsync(ValueTask<int> send)
    {
        try
        {
            await send;
            return true;
        }
        catch (Exception ex) when (IsConnectionGone(ex))
        {
            return false;
        }
        finally
        {
            ClearWritten();
        }
    }

    private void ClearWritten()
    {
        _single = default;
        if (_joined is not null)
        {
            ArrayPool<byte>.Shared.Return(_joined);
            _joined = null;
            _joinedLength = 0;
        }
    }
}
