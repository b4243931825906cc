using G6.Summary.Configuration;
using G6.Summary.Metrics;
using Microsoft.Extensions.Logging;

namespace G6.Summary.Streaming;

/// <summary>
/// Runs on the publisher's thread after each appended event (the log's <c>Appended</c>). The fast path
/// (SignalR's shape): for every stream that nobody is writing to, take it (<see cref="StreamSubscriber"/>'s
/// ownership protocol), copy the new frames into its connection and start the flush right here; only a
/// flush that does not complete at once is awaited, off this thread. That saves a thread-pool hop per
/// stream per event, which at 10,000 streams is what held latency back (docs/STREAMING.md, Performance).
/// Busy, throttled, ending or stopping streams only get their doorbell, and their own loop catches up.
/// With many streams the writes are split by stream id between <see cref="StreamingOptions.FanOutWorkers"/>
/// threads: one write is a syscall of several microseconds, so 10,000 in a row on one thread would make
/// the last stream wait for all the others.
/// </summary>
internal sealed class FanOut(SummaryOptions options, StreamRegistry registry, CatchUp catchUp, PanelFilters filters, Publishing.IEventLog log, ISummaryMetrics metrics, ILogger logger)
{
    public void OnAppended()
    {
        // Each panel subset's version of the event is encoded here, once, before any slice writes it.
        filters.Prepare(log);

        var slices = Math.Clamp(registry.Count / Math.Max(1, options.Streaming.FanOutMinStreamsPerWorker), 1, options.Streaming.FanOutWorkers);
        for (var slice = 1; slice < slices; slice++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static work => work.FanOut.Write(work.Slice, work.Slices), new SliceWork(this, slice, slices), preferLocal: false);
        }

        Write(0, slices);
    }

    private readonly record struct SliceWork(FanOut FanOut, int Slice, int Slices);

    /// <summary>Writes the new events to this slice's streams (every stream when there is one slice).</summary>
    private void Write(int slice, int slices)
    {
        // Each slice walks the whole table and skips the others' streams: two walks of 10,000 entries
        // cost far less than the 10,000 sends of several microseconds each, so the table is not partitioned.
        foreach (var (id, stream) in registry.Streams)
        {
            if (id % slices != slice)
            {
                continue;
            }

            WriteTo(stream);
        }
    }

    private void WriteTo(StreamSubscriber stream)
    {
        if (registry.IsStopping || stream.Bucket is not null || stream.IsEnded || stream.IsRevoked || !stream.TryOwn())
        {
            stream.Ring();
            return;
        }

        try
        {
            if (stream.IsEnded || !catchUp.WritePending(stream))
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
                EndWrite(stream, flush.Result, ringAlways: false);
            }
            else
            {
                stream.WriteStarted(metrics);
                _ = FinishFlushAsync(stream, flush);
            }
        }
        catch (Exception ex)
        {
            // The connection is going or gone (anything else is a bug, logged, and ends only this
            // stream: a fan-out slice runs on a pool thread, where an escaping exception ends the process).
            if (ex is not (IOException or InvalidOperationException or OperationCanceledException))
            {
                StreamLog.StreamFailed(logger, stream.Id, ex.GetType().Name);
            }

            stream.Abort();
            stream.Release();
            stream.Ring();
        }
    }

    private async Task FinishFlushAsync(StreamSubscriber stream, ValueTask<bool> flush)
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
        EndWrite(stream, result, ringAlways: true);
    }

    private void EndWrite(StreamSubscriber stream, bool open, bool ringAlways)
    {
        if (!open)
        {
            stream.Abort();
            stream.Release();
            stream.Ring();
            return;
        }

        stream.Release();

        // A keepalive, shutdown or revocation that rang while the publisher held the stream is the loop's job now;
        // an ended stream's loop is waiting for the publisher to let go.
        if (ringAlways || registry.IsStopping || stream.IsKeepaliveDue || stream.IsEnded || stream.IsRevoked)
        {
            stream.Ring();
        }
    }
}
