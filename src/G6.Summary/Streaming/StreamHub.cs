using System.Collections.Concurrent;
using G6.Summary.Configuration;
using G6.Summary.Metrics;
using G6.Summary.Protocol;
using G6.Summary.Publishing;
using Microsoft.Extensions.Logging;

namespace G6.Summary.Streaming;

/// <summary>
/// Fans events out to every open stream. Publishing only rings each stream's doorbell (O(1) per
/// stream, never blocks); each stream's own writer loop copies the shared, already-encoded frames
/// from the <see cref="EventLog"/> into its response, so a slow client delays nobody but itself.
/// A housekeeping timer writes keepalives and closes streams whose writes are stuck.
/// </summary>
public sealed partial class StreamHub : IDisposable
{
    // Aggregate overflow warnings so a burst of slow clients cannot flood the log.
    private static readonly TimeSpan OverflowLogInterval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<long, StreamSubscriber> _streams = new();
    private readonly TaskCompletionSource _allClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SummaryOptions _options;
    private readonly EventLog _log;
    private readonly EventEncoder _encoder;
    private readonly ISummaryMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<StreamHub> _logger;
    private readonly ITimer _housekeeping;
    private readonly Lock _overflowLock = new();
    private long _nextId;
    private int _reservedSlots;
    private long _overflowsSinceLog;
    private long _lastOverflowLog;
    private byte[]? _byeFrame;
    private volatile bool _stopping;

    public StreamHub(SummaryOptions options, EventLog log, EventEncoder encoder, ISummaryMetrics metrics, TimeProvider timeProvider, ILogger<StreamHub> logger)
    {
        _options = options;
        _log = log;
        _encoder = encoder;
        _metrics = metrics;
        _timeProvider = timeProvider;
        _logger = logger;
        _log.Appended += OnAppended;

        // Tick often enough that keepalives land within half an interval of being due and stuck writes
        // are found within half the write timeout; once a second at most, so idle streams cost ~nothing.
        var tick = TimeSpan.FromTicks(Math.Min(
            TimeSpan.FromSeconds(1).Ticks,
            Math.Min(options.KeepaliveInterval.Ticks, options.WriteTimeout.Ticks) / 2));
        _housekeeping = timeProvider.CreateTimer(_ => Housekeep(), null, tick, tick);
    }

    public int ActiveStreams => _streams.Count;

    /// <summary>Slots of <c>G6_SSE_MAX_CONNECTIONS</c> held by admitted streams (open or opening).</summary>
    public int ReservedSlots => Volatile.Read(ref _reservedSlots);

    /// <summary>Takes a slot under the stream cap; false when all are taken.</summary>
    public bool TryReserveSlot()
    {
        if (Interlocked.Increment(ref _reservedSlots) <= _options.MaxConnections)
        {
            return true;
        }

        Interlocked.Decrement(ref _reservedSlots);
        return false;
    }

    public void ReleaseSlot() => Interlocked.Decrement(ref _reservedSlots);

    /// <summary>Streams whose last write is waiting on a client that is not reading (computed on demand).</summary>
    public int BlockedStreams => _streams.Values.Count(s => s.PendingWriteSince != 0);

    /// <summary>True once shutdown began: new streams are refused and open ones get <c>bye</c>.</summary>
    public bool IsStopping => _stopping;

    /// <summary>
    /// Serves one stream until the client leaves, the stream is closed for being slow, or the service
    /// stops. The caller has already admitted the request, reserved its slot (<see cref="TryReserveSlot"/>,
    /// given back here when the stream ends) and set the response headers. When this returns, nobody
    /// writes to <paramref name="connection"/> any more.
    /// </summary>
    public async Task RunAsync(StreamConnection connection, ResumePoint? resume)
    {
        var stream = new StreamSubscriber(Interlocked.Increment(ref _nextId), connection, _timeProvider, _options.EventsPerSec);
        _streams[stream.Id] = stream;
        _metrics.StreamOpened();
        try
        {
            // The writer loop lives in this method (not a method of its own) so that an open stream
            // holds one async frame, not two: at 10,000 idle streams every object counts.
            var writer = stream.Connection;
            writer.Write(_encoder.RetryPreamble);
            var state = _log.Current;
            if (resume is { } point && CanResume(point, state))
            {
                writer.Write(_encoder.Hello(state, resumed: true));
                _metrics.EventSent(EventNames.Hello, TimeSpan.Zero);
                stream.Cursor = point.Seq + 1;
            }
            else
            {
                writer.Write(_encoder.Hello(state, resumed: false));
                writer.Write(_encoder.FullSnapshot(state));
                _metrics.EventSent(EventNames.Hello, TimeSpan.Zero);
                _metrics.EventSent(EventNames.FullSnapshot, TimeSpan.Zero);
                stream.Cursor = state.Seq + 1;
            }

            if (!await FlushAsync(stream))
            {
                return;
            }

            stream.ReleaseFromLoop();
            while (true)
            {
                // Drain before looking at the log: a ring that lands after this line leaves the bell set,
                // so the wait below returns at once and nothing published is missed.
                stream.DrainDoorbell();
                if (!stream.TryOwnFromLoop())
                {
                    // The publisher is writing to this stream; it rings again when it lets go.
                    await stream.WaitForRingAsync();
                    if (connection.IsAborted)
                    {
                        return;
                    }

                    continue;
                }

                if (_stopping)
                {
                    // Kept owned from here on: nothing may follow bye.
                    writer.Write(_byeFrame!);
                    _metrics.EventSent(EventNames.Bye, TimeSpan.Zero);
                    await FlushAsync(stream);
                    return;
                }

                var wrote = WritePending(stream);
                if (!wrote && stream.TakeKeepaliveDue())
                {
                    writer.Write(EventEncoder.Keepalive);
                    wrote = true;
                }

                if (wrote && !await FlushAsync(stream))
                {
                    return;
                }

                stream.ReleaseFromLoop();
                if (!wrote)
                {
                    await stream.WaitForRingAsync();
                    if (connection.IsAborted)
                    {
                        return;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away or we aborted it: a normal end of a stream, not an error.
        }
        catch (IOException)
        {
            // Same, surfaced by the transport as an I/O failure.
        }
        catch (Exception ex)
        {
            LogStreamFailed(stream.Id, ex.GetType().Name);
            stream.Abort();
        }
        finally
        {
            // The connection is closed when this method returns; the publisher's fast path
            // may still be writing to it (a flush that completes only now that the connection is
            // aborted). Wait until it lets go: it rings when it releases an ended stream.
            stream.MarkEnded();
            while (!stream.LoopOwns && !stream.TryOwn())
            {
                stream.DrainDoorbell();
                if (!stream.TryOwn())
                {
                    await stream.WaitForRingAsync();
                    continue;
                }

                break;
            }

            stream.StopWakingOnAbort();
            _streams.TryRemove(stream.Id, out _);
            connection.Complete();
            ReleaseSlot();
            _metrics.StreamClosed(_timeProvider.GetElapsedTime(stream.OpenedTimestamp));
            if (_stopping && _streams.IsEmpty)
            {
                _allClosed.TrySetResult();
            }
        }
    }

    /// <summary>
    /// Stops admitting, sends <c>bye</c> to every stream and completes when all have closed
    /// (the host's shutdown timeout bounds the wait).
    /// </summary>
    public Task ShutdownAsync(string reason)
    {
        if (!_stopping)
        {
            _byeFrame = _encoder.Bye(_log.Current, reason);
            _stopping = true;
            LogShutdown(_streams.Count);
            RingAll();
        }

        if (_streams.IsEmpty)
        {
            _allClosed.TrySetResult();
        }

        return _allClosed.Task;
    }

    public void Dispose()
    {
        _log.Appended -= OnAppended;
        _housekeeping.Dispose();
    }

    /// <summary>Copies what the stream is owed into its response buffer; true if anything was written.</summary>
    private bool WritePending(StreamSubscriber stream)
    {
        var current = _log.Current;
        if (stream.Cursor > current.Seq)
        {
            return false;
        }

        var lag = current.Seq - stream.Cursor + 1;
        if (lag > _options.QueueMax || !_log.TryGet(stream.Cursor, out _))
        {
            SendSnapshotAfterOverflow(stream, current, lag);
            return true;
        }

        if (stream.Bucket is { } bucket)
        {
            if (!bucket.TryTake())
            {
                ScheduleWake(stream, bucket.TimeUntilNextToken());
                return false;
            }

            WriteCoalesced(stream, current);
            return true;
        }

        for (var seq = stream.Cursor; seq <= current.Seq; seq++)
        {
            if (!_log.TryGet(seq, out var evt))
            {
                // Overwritten while we copied (the publisher lapped the ring): resend the whole state.
                SendSnapshotAfterOverflow(stream, _log.Current, current.Seq - seq + 1);
                return true;
            }

            stream.Connection.Write(evt.Frame);
            _metrics.EventSent(evt.Name, _timeProvider.GetElapsedTime(evt.PublishedTimestamp));
        }

        stream.Cursor = current.Seq + 1;
        return true;
    }

    /// <summary>
    /// A throttled stream sends one event for everything it owes: the panels changed meanwhile at
    /// their latest content, so it is late but never wrong.
    /// </summary>
    private void WriteCoalesced(StreamSubscriber stream, SummaryState current)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        SummaryEvent? last = null;
        var count = 0;
        for (var seq = stream.Cursor; seq <= current.Seq; seq++)
        {
            if (_log.TryGet(seq, out var evt))
            {
                keys.UnionWith(evt.ChangedKeys);
                last = evt;
                count++;
            }
        }

        stream.Cursor = current.Seq + 1;
        if (count == 1 || keys.Count == 0)
        {
            stream.Connection.Write(last!.Frame);
            _metrics.EventSent(last.Name, _timeProvider.GetElapsedTime(last.PublishedTimestamp));
            return;
        }

        var frame = _encoder.Update(current, keys, current.Ts, coalesced: count);
        stream.Connection.Write(frame);
        _metrics.EventSent(EventEncoder.NameOf(frame), _timeProvider.GetElapsedTime(last!.PublishedTimestamp));
    }

    private void SendSnapshotAfterOverflow(StreamSubscriber stream, SummaryState current, long dropped)
    {
        stream.Connection.Write(_encoder.FullSnapshot(current));
        _metrics.EventSent(EventNames.FullSnapshot, TimeSpan.Zero);
        _metrics.EventsDropped(dropped);
        stream.Cursor = current.Seq + 1;
        NoteOverflow(stream.Id, dropped);
    }

    private async ValueTask<bool> FlushAsync(StreamSubscriber stream)
    {
        // No cancellation token: an abort ends a pending flush on every transport (the pipe or socket
        // is closed under it), and a stuck one is aborted by housekeeping after the write timeout.
        var pending = stream.Connection.FlushAsync();
        bool open;
        if (pending.IsCompletedSuccessfully)
        {
            open = pending.Result;
        }
        else
        {
            // The client is not keeping up; housekeeping closes the stream if this outlasts the write timeout.
            stream.WriteStarted();
            _metrics.WriteWaited();
            open = await pending;
        }

        stream.WriteFinished();
        return open;
    }

    private bool CanResume(ResumePoint point, SummaryState state)
    {
        if (!string.Equals(point.Epoch, state.Epoch, StringComparison.Ordinal) || point.Seq > state.Seq)
        {
            return false;
        }

        if (point.Seq == state.Seq)
        {
            return true;
        }

        return state.Seq - point.Seq <= _options.ReplayEvents && _log.TryGet(point.Seq + 1, out _);
    }

    private void ScheduleWake(StreamSubscriber stream, TimeSpan delay)
    {
        if (Interlocked.CompareExchange(ref stream.WakeScheduled, 1, 0) != 0)
        {
            return;
        }

        _ = WakeLaterAsync(stream, delay);
    }

    private async Task WakeLaterAsync(StreamSubscriber stream, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _timeProvider, stream.Connection.Aborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        finally
        {
            Volatile.Write(ref stream.WakeScheduled, 0);
        }

        stream.Ring();
    }

    /// <summary>
    /// Runs on the publisher's thread after each event. Fast path (SignalR's shape): for every stream
    /// that nobody is writing to, copy the new frames into its response and start the flush right
    /// here; only a flush that does not complete at once gets awaited, off this thread. That saves a
    /// thread-pool hop per stream per event, which at 10,000 streams is what held latency back
    /// (docs/STREAMING.md, Performance). Busy, throttled or stopping streams just get their doorbell.
    /// With many streams the writes are split by stream id between <see cref="SummaryOptions.FanOutWorkers"/>
    /// threads: one write is a syscall of several microseconds, so 10,000 in a row on one thread
    /// would make the last stream wait for all the others.
    /// </summary>
    private void OnAppended()
    {
        var slices = Math.Clamp(_streams.Count / Math.Max(1, _options.FanOutMinStreamsPerWorker), 1, _options.FanOutWorkers);
        for (var slice = 1; slice < slices; slice++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static work => work.Hub.FanOut(work.Slice, work.Slices), new FanOutSlice(this, slice, slices), preferLocal: false);
        }

        FanOut(0, slices);
    }

    private readonly record struct FanOutSlice(StreamHub Hub, int Slice, int Slices);

    /// <summary>Writes the new events to this slice's streams (every stream when there is one slice).</summary>
    private void FanOut(int slice, int slices)
    {
        // Enumerated in place (no snapshot of 10,000 entries per event); streams that open meanwhile
        // read the log themselves.
        foreach (var (id, stream) in _streams)
        {
            if (id % slices != slice)
            {
                continue;
            }

            FanOutTo(stream);
        }
    }

    private void FanOutTo(StreamSubscriber stream)
    {
        if (_stopping || stream.Bucket is not null || stream.IsEnded || !stream.TryOwn())
        {
            stream.Ring();
            return;
        }

        try
        {
            if (stream.IsEnded || !WritePending(stream))
            {
                stream.Release();
                if (stream.IsEnded)
                {
                    stream.Ring();
                }

                return;
            }

            var flush = stream.Connection.FlushAsync();
            if (flush.IsCompletedSuccessfully)
            {
                stream.WriteFinished();
                EndDirectWrite(stream, flush.Result, ringAlways: false);
            }
            else
            {
                stream.WriteStarted();
                _metrics.WriteWaited();
                _ = FinishDirectFlushAsync(stream, flush);
            }
        }
        catch (Exception ex)
        {
            // The connection is going or gone (anything else is a bug, logged, and ends only this
            // stream: a fan-out slice runs on a pool thread, where an escaping exception ends the process).
            if (ex is not (IOException or InvalidOperationException or OperationCanceledException))
            {
                LogStreamFailed(stream.Id, ex.GetType().Name);
            }

            stream.Abort();
            stream.Release();
            stream.Ring();
        }
    }

    private async Task FinishDirectFlushAsync(StreamSubscriber stream, ValueTask<bool> flush)
    {
        bool result;
        try
        {
            result = await flush;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException)
        {
            stream.WriteFinished();
            stream.Abort();
            stream.Release();
            stream.Ring();
            return;
        }

        stream.WriteFinished();

        // Events published while this flush waited rang a loop that could not take the stream: ring again.
        EndDirectWrite(stream, result, ringAlways: true);
    }

    private void EndDirectWrite(StreamSubscriber stream, bool open, bool ringAlways)
    {
        if (!open)
        {
            stream.Abort();
            stream.Release();
            stream.Ring();
            return;
        }

        stream.Release();

        // A keepalive or shutdown that rang while the publisher held the stream is the loop's job now;
        // an ended stream's loop is waiting for the publisher to let go.
        if (ringAlways || _stopping || stream.IsKeepaliveDue || stream.IsEnded)
        {
            stream.Ring();
        }
    }

    private void RingAll()
    {
        foreach (var (_, stream) in _streams)
        {
            stream.Ring();
        }
    }

    private void Housekeep()
    {
        var now = _timeProvider.GetTimestamp();
        foreach (var (_, stream) in _streams)
        {
            var pendingSince = stream.PendingWriteSince;
            if (pendingSince != 0)
            {
                if (_timeProvider.GetElapsedTime(pendingSince, now) >= _options.WriteTimeout)
                {
                    stream.Abort(() =>
                    {
                        _metrics.SlowDisconnect();
                        LogSlowDisconnect(stream.Id, _options.WriteTimeout.TotalSeconds);
                    });
                }

                continue;
            }

            if (_timeProvider.GetElapsedTime(stream.LastWriteTimestamp, now) >= _options.KeepaliveInterval)
            {
                stream.MarkKeepaliveDue();
                stream.Ring();
            }
        }
    }

    private void NoteOverflow(long streamId, long dropped)
    {
        lock (_overflowLock)
        {
            _overflowsSinceLog++;
            var now = _timeProvider.GetTimestamp();
            if (_lastOverflowLog != 0 && _timeProvider.GetElapsedTime(_lastOverflowLog, now) < OverflowLogInterval)
            {
                return;
            }

            LogOverflow(streamId, dropped, _overflowsSinceLog);
            _overflowsSinceLog = 0;
            _lastOverflowLog = now;
        }
    }
}
