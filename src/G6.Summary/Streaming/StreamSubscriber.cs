using G6.Summary.Compression;
using G6.Summary.Metrics;
using G6.Summary.Security;

namespace G6.Summary.Streaming;

/// <summary>
/// One open stream: its cursor in the log, its doorbell, its write timing, and the one rule for who
/// may write to its connection.
/// </summary>
/// <remarks>
/// <para><b>Ownership protocol.</b> Two parties write to a stream: its own loop
/// (<see cref="StreamWriterLoop"/>) and the publisher's fast path (<see cref="FanOut"/>), which writes a
/// new event straight to an idle stream to save a thread hop. Housekeeping never writes: it rings or aborts.</para>
/// <para><b>Invariant:</b> at most one party owns the stream (<c>_owned == 1</c>) at any instant, and only
/// the owner calls <see cref="StreamConnection.Write"/> or <see cref="StreamConnection.FlushAsync"/>, from
/// the moment it takes the stream until its flush has ended and it releases it.</para>
/// <list type="bullet">
/// <item>Taking is a compare-and-swap 0 → 1 (<see cref="TryOwn"/>); the loop starts as owner, so hello and
/// the snapshot go out before any event.</item>
/// <item>A party that fails to take the stream leaves the work to the owner: the fan-out rings the
/// doorbell; the loop waits for a ring. The fan-out rings whenever it lets go of a stream after a flush that
/// did not complete at once, or when shutdown, a keepalive or the stream's end came meanwhile, so a loop
/// that was turned away always looks again.</item>
/// <item>The loop drains its doorbell before it looks at the log, so a ring that lands after the look is
/// never lost.</item>
/// <item>Ending: the loop marks the stream ended (<see cref="MarkEnded"/>), after which the fan-out
/// never starts a write, then takes ownership one last time (<see cref="EndAsync"/>), waiting for a fast-path
/// flush to let go, before the connection is completed: nothing writes to a connection handed back.</item>
/// </list>
/// </remarks>
internal sealed class StreamSubscriber(long id, StreamConnection connection, TimeProvider timeProvider, double eventsPerSec, Credential? credential = null)
{
    // The events themselves stay in the shared log; the loop drains the bell before looking at the
    // log, so no ring is ever lost.
    private readonly Doorbell _doorbell = new();
    private bool _wakesOnAbort;

    private long _lastWriteTimestamp = timeProvider.GetTimestamp();
    private long _pendingWriteSince;
    private int _keepaliveDue;
    private int _aborted;

    // Who may write to the response right now: the stream's own loop or the publisher's fast path.
    // Starts owned, so nothing is written before the opening hello and snapshot.
    private int _owned = 1;
    private int _ended;

    public long Id { get; } = id;

    public StreamConnection Connection { get; } = connection;

    /// <summary>The token (or session) that admitted the stream, or null when none is required.</summary>
    public Credential? Credential { get; } = credential;

    /// <summary>True once the stream's token was removed: its loop sends <c>bye</c> and closes it; the fan-out leaves it alone.</summary>
    public bool IsRevoked => Credential is { IsRevoked: true };

    public long OpenedTimestamp { get; } = timeProvider.GetTimestamp();

    /// <summary>The panel subset this stream carries; null for every panel.</summary>
    public PanelFilter? Filter { get; init; }

    /// <summary>The body's coding (<c>Content-Encoding</c>); gzip streams send each frame's shared piece.</summary>
    public ContentCoding Coding { get; init; }

    /// <summary>A gzip stream's running CRC and length, for its trailer; only the owner updates it.</summary>
    public GzipChecksum Gzip;

    /// <summary>Next seq this stream has to send.</summary>
    public long Cursor { get; set; }

    /// <summary>The epoch of the log the cursor counts in (a shared log may start a new one).</summary>
    public string Epoch { get; set; } = "";

    public TokenBucket? Bucket { get; } = eventsPerSec > 0 ? new TokenBucket(eventsPerSec, timeProvider) : null;

    /// <summary>Set while a throttled stream waits for its next token, so only one wake-up is pending.</summary>
    public int WakeScheduled;

    public bool IsAborted => Volatile.Read(ref _aborted) != 0;

    /// <summary>Takes the right to write; false when someone else holds it.</summary>
    public bool TryOwn() => Interlocked.CompareExchange(ref _owned, 1, 0) == 0;

    // A full fence (not just a volatile write): the releaser reads IsEnded right after, and must not see
    // a value older than its own release.
    public void Release() => Interlocked.Exchange(ref _owned, 0);

    /// <summary>True while the stream's own loop holds the right to write (it does from the start).</summary>
    public bool LoopOwns { get; private set; } = true;

    public bool TryOwnFromLoop() => LoopOwns = TryOwn();

    public void ReleaseFromLoop()
    {
        LoopOwns = false;
        Release();
    }

    /// <summary>Set once the stream's loop has finished; from then on nobody may start writing.</summary>
    public bool IsEnded => Volatile.Read(ref _ended) != 0;

    public void MarkEnded() => Interlocked.Exchange(ref _ended, 1);

    public void Ring() => _doorbell.Ring();

    public void DrainDoorbell() => _doorbell.Drain();

    /// <summary>
    /// Completes on the next ring (at once if the bell is already rung). Aborting the connection
    /// rings, so a waiting loop wakes for it; the caller checks <see cref="StreamConnection.IsAborted"/> after.
    /// </summary>
    public ValueTask<bool> WaitForRingAsync()
    {
        if (!_wakesOnAbort)
        {
            // One registration for the stream's life, not one per wait.
            _wakesOnAbort = true;
            Connection.WakeOnAbort(_doorbell);
        }

        return _doorbell.WaitAsync();
    }

    /// <summary>Drops the wake-up registration (the connection may outlive the stream).</summary>
    public void StopWakingOnAbort()
    {
        if (_wakesOnAbort)
        {
            Connection.StopWakingOnAbort();
        }
    }

    public void MarkKeepaliveDue() => Volatile.Write(ref _keepaliveDue, 1);

    public bool IsKeepaliveDue => Volatile.Read(ref _keepaliveDue) != 0;

    public bool TakeKeepaliveDue() => Interlocked.Exchange(ref _keepaliveDue, 0) != 0;

    public long LastWriteTimestamp => Volatile.Read(ref _lastWriteTimestamp);

    /// <summary>Non-zero while a flush is waiting on the client: the timestamp it started.</summary>
    public long PendingWriteSince => Volatile.Read(ref _pendingWriteSince);

    /// <summary>A flush did not complete at once: the socket (or Kestrel's pipe) is full and the client must read first.</summary>
    public void WriteStarted(ISummaryMetrics metrics)
    {
        Volatile.Write(ref _pendingWriteSince, timeProvider.GetTimestamp());
        metrics.WriteWaited();
    }

    public void WriteFinished()
    {
        Volatile.Write(ref _pendingWriteSince, 0);
        Volatile.Write(ref _lastWriteTimestamp, timeProvider.GetTimestamp());
    }

    /// <summary>
    /// Sends what the owner wrote. No cancellation token: an abort ends a pending flush on every transport
    /// (the pipe or socket is closed under it), and a stuck one is aborted by housekeeping after the write
    /// timeout, which it sees through <see cref="PendingWriteSince"/>.
    /// </summary>
    public async ValueTask<bool> FlushAsync(ISummaryMetrics metrics)
    {
        var pending = Connection.FlushAsync();
        bool open;
        if (pending.IsCompletedSuccessfully)
        {
            open = pending.Result;
        }
        else
        {
            WriteStarted(metrics);
            open = await pending;
        }

        WriteFinished();
        return open;
    }

    /// <summary>
    /// The loop's last step: no write starts after this, and it returns once any write the fan-out had
    /// started has let go (the fan-out rings when it releases an ended stream).
    /// </summary>
    public async ValueTask EndAsync()
    {
        MarkEnded();
        while (!LoopOwns && !TryOwn())
        {
            DrainDoorbell();
            if (!TryOwn())
            {
                await WaitForRingAsync();
                continue;
            }

            break;
        }

        StopWakingOnAbort();
    }

    /// <summary>Closes the connection under the writer; returns false if it was already aborted.</summary>
    public bool Abort() => Abort(null);

    /// <summary>
    /// Like <see cref="Abort()"/>, running <paramref name="beforeClosing"/> first (once), so that whatever it
    /// records is visible before the stream can be seen closed.
    /// </summary>
    public bool Abort(Action? beforeClosing)
    {
        if (Interlocked.Exchange(ref _aborted, 1) != 0)
        {
            return false;
        }

        beforeClosing?.Invoke();
        Connection.Abort();
        return true;
    }
}
