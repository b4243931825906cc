using System.Net.Sockets;
using G6.Summary.Protocol;

namespace G6.Summary.Bench.Harness;

/// <summary>
/// One stalled reader of <c>bench stall</c>: it reads its stream's opening (<c>hello</c>,
/// <c>full_snapshot</c>), then stops reading until told to resume, as a client on a suspended laptop or
/// a dead link does, with a small receive buffer so that its own side holds little. Once resumed it
/// records what the service had left on the way to it: the stale events that arrive before the fresh
/// <c>full_snapshot</c> replacing the backlog (or, when nothing overflowed, before the first event
/// published after the resume), then a few events to show the stream goes on from there.
/// </summary>
/// <remarks>
/// A .NET socket rather than the epoll readers: there is no per-event cost worth saving here, and
/// the receive buffer must be set before the connect (it also sizes the window the client offers).
/// </remarks>
public sealed class StalledStream(int index)
{
    /// <summary>Events read after the fresh snapshot before the reader leaves: enough to see no gap follows.</summary>
    public const int EventsToFollow = 3;

    private const int ReadBytes = 8 * 1024;

    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _sawOpening;
    private bool _resumed;
    private double _resumedAtMs;
    private long _headAtResume;
    private UnixClock _clock = UnixClock.System;

    public StreamRecorder Recorder { get; } = new(index);

    /// <summary>Completes once the opening snapshot has arrived, or the stream failed before (see <see cref="Recorder"/>).</summary>
    public Task Opened => _opened.Task;

    /// <summary>The last seq read before the stall began.</summary>
    public long? LastSeqBeforeStall { get; private set; }

    /// <summary>
    /// Events read after resuming that were published before it, until the stream was current again (a
    /// fresh snapshot, or an event published after the resume): what sat in buffers during the stall.
    /// </summary>
    public int StaleEvents { get; private set; }

    /// <summary>Their <c>data</c> bytes (the framing adds about 40 bytes per event).</summary>
    public long StaleDataBytes { get; private set; }

    /// <summary>The seq of the fresh <c>full_snapshot</c>; null if none came.</summary>
    public long? ResnapshotSeq { get; private set; }

    /// <summary>From the resume until the stream was current again (fresh snapshot or first live event).</summary>
    public double? ResumeToCurrentMs { get; private set; }

    /// <summary>True once the stream is current again after the stall.</summary>
    public bool IsCurrent { get; private set; }

    public int EventsAfterCurrent { get; private set; }

    /// <summary>True once the stream is current again and <see cref="EventsToFollow"/> more events have arrived.</summary>
    public bool IsDone => EventsAfterCurrent >= EventsToFollow;

    /// <summary>
    /// Runs the stream: opening, stall until <paramref name="resume"/> completes (with the server's latest
    /// seq at that moment), then the rest. Never throws for network failures.
    /// </summary>
    public async Task RunAsync(EventStreamTarget target, int receiveBufferBytes, Task<long> resume, UnixClock clock, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(resume);
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        using var socket = new Socket(target.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            ReceiveBufferSize = receiveBufferBytes,
        };
        using var closeOnStop = stop.UnsafeRegister(static s => ((Socket)s!).Dispose(), socket);
        var buffer = new byte[ReadBytes];
        var response = new StreamResponse(Recorder, OnEvent);
        using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        connectTimeout.CancelAfter(target.ConnectTimeout);
        Recorder.ConnectStartedMs = clock.NowMs;
        try
        {
            await socket.ConnectAsync(target.EndPoint, connectTimeout.Token);
            await socket.SendAsync(target.Request, SocketFlags.None, connectTimeout.Token);
            while (!response.IsOver && !IsDone)
            {
                if (_sawOpening && !_resumed)
                {
                    // The stall: nothing reads this socket, so the server's writes fill it and then wait.
                    _opened.TrySetResult();
                    _headAtResume = await resume.WaitAsync(stop);
                    _resumed = true;
                    _resumedAtMs = clock.NowMs;
                }

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
            response.OnFailed(EventStreamReader.CauseOf(ex.SocketErrorCode));
        }
        finally
        {
            // A stream that failed before its opening must not hold the run up.
            _opened.TrySetResult();
        }
    }

    private void OnEvent(string eventType, ReadOnlySpan<byte> data)
    {
        var now = _clock.NowMs;
        Recorder.OnEvent(eventType, data, now, window: null);
        if (eventType is EventNames.Hello or EventNames.Bye || !EventFields.TryParse(data, out var fields) || fields.Seq is not { } seq)
        {
            return;
        }

        if (!_resumed)
        {
            // The opening, and whatever arrived in the same reads before the stall began.
            _sawOpening |= eventType == EventNames.FullSnapshot;
            LastSeqBeforeStall = seq;
            return;
        }

        if (IsCurrent)
        {
            EventsAfterCurrent++;
        }
        else if (eventType == EventNames.FullSnapshot || seq > _headAtResume)
        {
            IsCurrent = true;
            ResnapshotSeq = eventType == EventNames.FullSnapshot ? seq : null;
            ResumeToCurrentMs = Math.Round(now - _resumedAtMs, 3);
            EventsAfterCurrent = eventType == EventNames.FullSnapshot ? 0 : 1;
        }
        else
        {
            StaleEvents++;
            StaleDataBytes += data.Length;
        }
    }
}
