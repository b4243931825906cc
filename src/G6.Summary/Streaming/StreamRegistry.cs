using System.Collections.Concurrent;
using G6.Summary.Publishing;

namespace G6.Summary.Streaming;

/// <summary>
/// The open streams: the table the fan-out and housekeeping walk, the slots of the stream cap, and the
/// shutdown state (stopping, the <c>bye</c> frame, "all closed"). Thread-safe; nothing here writes to a stream.
/// </summary>
internal sealed class StreamRegistry(int maxStreams) : IStreamCapacity
{
    private readonly ConcurrentDictionary<long, StreamSubscriber> _streams = new();
    private readonly TaskCompletionSource _allClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextId;
    private int _reservedSlots;
    private EventFrame? _byeFrame;
    private volatile bool _stopping;

    public int Count => _streams.Count;

    /// <summary>Slots held by admitted streams (open or opening).</summary>
    public int ReservedSlots => Volatile.Read(ref _reservedSlots);

    public bool IsStopping => _stopping;

    /// <summary>What every stream sends last once <see cref="IsStopping"/> is set (set before it).</summary>
    public EventFrame? ByeFrame => Volatile.Read(ref _byeFrame);

    /// <summary>Completes when shutdown has begun and the last stream has closed.</summary>
    public Task AllClosed => _allClosed.Task;

    /// <summary>The table, enumerated in place (no snapshot): streams that join meanwhile read the log themselves.</summary>
    public ConcurrentDictionary<long, StreamSubscriber> Streams => _streams;

    public bool TryReserveSlot()
    {
        if (Interlocked.Increment(ref _reservedSlots) <= maxStreams)
        {
            return true;
        }

        Interlocked.Decrement(ref _reservedSlots);
        return false;
    }

    public void ReleaseSlot() => Interlocked.Decrement(ref _reservedSlots);

    public long NextId() => Interlocked.Increment(ref _nextId);

    public void Add(StreamSubscriber stream) => _streams[stream.Id] = stream;

    /// <summary>Removes a stream that has ended and gives back its slot.</summary>
    public void Remove(StreamSubscriber stream)
    {
        _streams.TryRemove(stream.Id, out _);
        ReleaseSlot();
        if (_stopping && _streams.IsEmpty)
        {
            _allClosed.TrySetResult();
        }
    }

    /// <summary>Sets the <c>bye</c> frame, then the stopping flag; false if shutdown had begun already.</summary>
    public bool BeginShutdown(EventFrame bye)
    {
        if (Interlocked.CompareExchange(ref _byeFrame, bye, null) is not null)
        {
            return false;
        }

        _stopping = true;
        if (_streams.IsEmpty)
        {
            _allClosed.TrySetResult();
        }

        return true;
    }

    public void RingAll()
    {
        foreach (var (_, stream) in _streams)
        {
            stream.Ring();
        }
    }
}
