using G6.Summary.Compression;
using G6.Summary.Configuration;
using G6.Summary.Metrics;
using G6.Summary.Publishing;

namespace G6.Summary.Streaming;

/// <summary>
/// What a stream is owed and how it gets it, whoever writes it (its loop or the publisher's fan-out):
/// every event after its cursor in order; a full snapshot instead when it fell more than
/// <c>G6_SSE_QUEUE_MAX</c> behind or its next event left the log (overflow); one coalesced update
/// when it is throttled (<c>G6_SSE_EVENTS_PER_SEC</c>), with a wake-up when its next token is due;
/// and whether a <c>Last-Event-ID</c> can resume. Every frame goes out in the stream's coding (plain, or the
/// frame's shared gzip piece). Only the stream's current owner calls the writing methods.
/// </summary>
internal sealed class CatchUp(SummaryOptions options, IEventLog log, EventEncoder encoder, FrameCompressor compressor, ISummaryMetrics metrics, TimeProvider timeProvider, OverflowWarnings warnings)
{
    /// <summary>Copies what the stream is owed into its connection; true if anything was written.</summary>
    public bool WritePending(StreamSubscriber stream)
    {
        var current = log.Current;
        if (!string.Equals(stream.Epoch, current.Epoch, StringComparison.Ordinal))
        {
            // A new log (a shared one that lost its data): its seqs count from 1 again and say nothing
            // about what this client holds, so it gets the whole state before any event of the new epoch.
            SendSnapshotForNewEpoch(stream, current);
            return true;
        }

        if (stream.Cursor > current.Seq)
        {
            return false;
        }

        var lag = current.Seq - stream.Cursor + 1;
        if (lag > options.Streaming.QueueMax || !log.TryGet(stream.Cursor, out var next) || !IsOf(next, stream))
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

        var wrote = false;
        for (var seq = stream.Cursor; seq <= current.Seq; seq++)
        {
            if (!log.TryGet(seq, out var evt) || !IsOf(evt, stream))
            {
                // Overwritten while we copied (the publisher lapped the ring, or a new epoch began): resend the whole state.
                SendSnapshotAfterOverflow(stream, log.Current, current.Seq - seq + 1);
                return true;
            }

            if (stream.Filter is not { } filter)
            {
                Write(stream, evt);
                metrics.EventSent(evt.Name, timeProvider.GetElapsedTime(evt.PublishedTimestamp));
                continue;
            }

            if (filter.FrameFor(evt, current) is not { } filtered)
            {
                // The log keeps no state for this older event: the subset's current state instead.
                SendSnapshotAfterOverflow(stream, log.Current, current.Seq - seq + 1);
                return true;
            }

            if (!filtered.IsSkipped)
            {
                Write(stream, filtered);
                metrics.EventSent(filtered.Name, timeProvider.GetElapsedTime(evt.PublishedTimestamp));
                wrote = true;
            }
        }

        stream.Cursor = current.Seq + 1;
        return wrote || stream.Filter is null;
    }

    /// <summary>
    /// True when a client holding <paramref name="point"/> can be sent the events after it: same epoch,
    /// inside <c>G6_SSE_REPLAY_EVENTS</c>, and the next event still in the log.
    /// </summary>
    public bool CanResume(ResumePoint point, PublishedState state)
    {
        if (!string.Equals(point.Epoch, state.Epoch, StringComparison.Ordinal) || point.Seq > state.Seq)
        {
            return false;
        }

        if (point.Seq == state.Seq)
        {
            return true;
        }

        return state.Seq - point.Seq <= options.Streaming.ReplayEvents && log.TryGet(point.Seq + 1, out var next)
            && string.Equals(next.Epoch, point.Epoch, StringComparison.Ordinal);
    }

    /// <summary>Writes a frame sent when the stream opens or ends (hello, snapshot, bye): no publish time to measure from.</summary>
    public void Send(StreamSubscriber stream, EventFrame frame)
    {
        Write(stream, frame);
        metrics.EventSent(frame.Name, TimeSpan.Zero);
    }

    /// <summary>
    /// Queues <paramref name="frame"/> in the stream's coding: its plain bytes, or its gzip piece (made once
    /// for every stream that sends it) with the piece's CRC joined onto the stream's.
    /// </summary>
    public void Write(StreamSubscriber stream, IWireFrame frame)
    {
        if (stream.Coding == ContentCoding.Gzip)
        {
            var piece = frame.Gzipped(compressor);
            stream.Connection.Write(piece.Bytes);
            stream.Gzip.Add(piece);
            return;
        }

        stream.Connection.Write(frame.Plain);
    }

    /// <summary>The stream's own start: the gzip header when it is compressed, then the reconnect delay.</summary>
    public void Begin(StreamSubscriber stream)
    {
        if (stream.Coding == ContentCoding.Gzip)
        {
            stream.Connection.Write(GzipFraming.Header);
        }

        Write(stream, encoder.RetryPreamble);
    }

    /// <summary>
    /// After the stream's last frame (<c>bye</c>): a gzip stream gets its last block and trailer, so a
    /// client's decoder sees a complete, checked member rather than a cut one.
    /// </summary>
    public static void End(StreamSubscriber stream)
    {
        if (stream.Coding == ContentCoding.Gzip)
        {
            stream.Connection.Write(stream.Gzip.End());
        }
    }

    /// <summary>
    /// A throttled stream sends one event for everything it owes: the panels changed meanwhile at
    /// their latest content, so it is late but never wrong.
    /// </summary>
    private void WriteCoalesced(StreamSubscriber stream, PublishedState current)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        PublishedEvent? last = null;
        var count = 0;
        for (var seq = stream.Cursor; seq <= current.Seq; seq++)
        {
            if (log.TryGet(seq, out var evt) && IsOf(evt, stream))
            {
                keys.UnionWith(evt.ChangedKeys);
                last = evt;
                count++;
            }
        }

        stream.Cursor = current.Seq + 1;
        if (stream.Filter is { } filter)
        {
            keys.IntersectWith(filter.KeySet);
            if (count == 1 || keys.Count == 0)
            {
                if (filter.FrameFor(last!, current) is { IsSkipped: false } own)
                {
                    Write(stream, own);
                    metrics.EventSent(own.Name, timeProvider.GetElapsedTime(last!.PublishedTimestamp));
                }

                return;
            }
        }
        else if (count == 1 || keys.Count == 0)
        {
            Write(stream, last!);
            metrics.EventSent(last!.Name, timeProvider.GetElapsedTime(last.PublishedTimestamp));
            return;
        }

        var view = stream.Filter?.View(current) ?? current;
        var frame = encoder.Update(view, keys, current.Ts, coalesced: count);
        Write(stream, frame);
        metrics.EventSent(frame.Name, timeProvider.GetElapsedTime(last!.PublishedTimestamp));
    }

    private void SendSnapshotAfterOverflow(StreamSubscriber stream, PublishedState current, long dropped)
    {
        Send(stream, encoder.FullSnapshot(stream.Filter?.View(current) ?? current));
        metrics.EventsDropped(dropped);
        stream.Cursor = current.Seq + 1;
        warnings.Note(stream.Id, dropped);
    }

    private void SendSnapshotForNewEpoch(StreamSubscriber stream, PublishedState current)
    {
        Send(stream, encoder.FullSnapshot(current));
        stream.Cursor = current.Seq + 1;
        stream.Epoch = current.Epoch;
    }

    private static bool IsOf(PublishedEvent evt, StreamSubscriber stream) =>
        string.Equals(evt.Epoch, stream.Epoch, StringComparison.Ordinal);

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
            await Task.Delay(delay, timeProvider, stream.Connection.Aborted);
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
}
