namespace G6.Summary.Streaming;

/// <summary>
/// The connection one stream writes to: Kestrel's response (<see cref="KestrelStreamConnection"/>)
/// or a socket served by the direct stream transport (<c>Transport/</c>). Only the stream's current
/// owner writes (see <see cref="StreamSubscriber"/>); frames written are sent, in order, by the next flush.
/// </summary>
public abstract class StreamConnection
{
    /// <summary>Cancelled when the client has gone or the connection was aborted.</summary>
    public abstract CancellationToken Aborted { get; }

    /// <summary>True once the client has gone or the connection was aborted.</summary>
    public virtual bool IsAborted => Aborted.IsCancellationRequested;

    /// <summary>Queues a frame for the next flush. The memory must stay unchanged until the flush ends.</summary>
    public abstract void Write(ReadOnlyMemory<byte> frame);

    /// <summary>
    /// Sends what was written. Completes when the transport has taken it all; false when the
    /// connection is gone. Completes synchronously whenever the socket had room.
    /// </summary>
    public abstract ValueTask<bool> FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>Closes the connection at once; a pending flush ends with false.</summary>
    public abstract void Abort();

    /// <summary>
    /// Called once by the hub when the stream is over and nobody writes any more: a transport that
    /// owns its socket ends the response here. Kestrel ends its response when the endpoint returns.
    /// </summary>
    public virtual void Complete()
    {
    }

    /// <summary>
    /// Rings <paramref name="bell"/> when the connection is aborted (at once if it already is). One
    /// stream registers once, for its life; <see cref="StopWakingOnAbort"/> ends it.
    /// </summary>
    internal abstract void WakeOnAbort(Doorbell bell);

    internal abstract void StopWakingOnAbort();
}
