using System.Collections.Concurrent;
using System.Diagnostics;

namespace G6.Summary.Bench.Harness;

/// <summary>
/// One thread serving many streams through one epoll instance (level-triggered): each ready socket gets
/// one read into this thread's buffer, parsed on the spot. Streams are started on the ramp's thread and
/// handed over here; connect and head timeouts are checked on every wake.
/// </summary>
internal sealed class EpollLoop : IDisposable
{
    private const int MaxEvents = 256;
    private const int WakeMs = 50;

    private readonly int _epoll;
    private readonly EpollStream?[] _streams;
    private readonly ReadOnlyMemory<byte> _request;
    private readonly ConcurrentQueue<EpollStream> _handedOver = new();
    private readonly List<EpollStream> _owned = [];
    private readonly List<EpollStream> _opening = [];
    private readonly Thread _thread;
    private volatile bool _stopping;

    public EpollLoop(EpollStream?[] streams, ReadOnlyMemory<byte> request, int number)
    {
        _streams = streams;
        _request = request;
        _epoll = LinuxSockets.CreateEpoll();
        if (_epoll < 0)
        {
            throw new InvalidOperationException("epoll_create1 failed: errno " + LinuxSockets.LastError);
        }

        _thread = new Thread(Run) { IsBackground = true, Name = "bench-epoll-" + number };
        _thread.Start();
    }

    /// <summary>Hands over a stream whose connect has started; false if epoll refused it (the caller still owns it).</summary>
    public bool Add(int index, EpollStream stream)
    {
        // Visible before its first event can arrive; events find a stream by index, not through the
        // hand-over queue (that is only for timeouts and the final stop).
        Volatile.Write(ref _streams[index], stream);
        if (LinuxSockets.Watch(_epoll, stream.Fd, LinuxSockets.EpollOut | LinuxSockets.EpollIn, (ulong)index) != 0)
        {
            Volatile.Write(ref _streams[index], null);
            return false;
        }

        _handedOver.Enqueue(stream);
        return true;
    }

    /// <summary>Stops the thread and closes every stream it had (those not yet open count as failed).</summary>
    public void Stop()
    {
        _stopping = true;
        _thread.Join();
    }

    public void Dispose() => _ = LinuxSockets.Close(_epoll);

    private void Run()
    {
        var events = new byte[MaxEvents * LinuxSockets.EpollEventSize];
        var buffer = GC.AllocateUninitializedArray<byte>(64 * 1024);
        while (!_stopping)
        {
            var count = LinuxSockets.Wait(_epoll, events, WakeMs);
            if (count < 0 && LinuxSockets.LastError != LinuxSockets.EIntr)
            {
                // The epoll instance itself failed: nothing more can be read; end as if stopped.
                break;
            }

            for (var i = 0; i < count; i++)
            {
                var index = (int)LinuxSockets.DataAt(events, i);
                if (Volatile.Read(ref _streams[index]) is { } stream)
                {
                    Handle(stream, LinuxSockets.EventsAt(events, i), index, buffer);
                }
            }

            TakeHandedOver();
            ExpireOpening();
        }

        TakeHandedOver();
        foreach (var stream in _owned)
        {
            stream.Stop();
        }
    }

    private void Handle(EpollStream stream, uint ready, int index, byte[] buffer)
    {
        switch (stream.State)
        {
            case EpollStream.Phase.Connecting:
                if ((ready & (LinuxSockets.EpollOut | LinuxSockets.EpollErr | LinuxSockets.EpollHup)) != 0
                    && stream.OnConnected(_request.Span))
                {
                    _ = LinuxSockets.Rewatch(_epoll, stream.Fd, LinuxSockets.EpollIn, (ulong)index);
                }

                break;
            case EpollStream.Phase.Reading:
                stream.OnReadable(buffer);
                break;
        }
    }

    private void TakeHandedOver()
    {
        while (_handedOver.TryDequeue(out var stream))
        {
            _owned.Add(stream);
            _opening.Add(stream);
        }
    }

    private void ExpireOpening()
    {
        if (_opening.Count == 0)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        _opening.RemoveAll(stream =>
        {
            if (stream.IsOpen || stream.State == EpollStream.Phase.Done)
            {
                return true;
            }

            if (now < stream.Deadline)
            {
                return false;
            }

            stream.TimeOut();
            return true;
        });
    }
}
