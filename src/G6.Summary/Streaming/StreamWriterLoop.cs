using G6.Summary.Compression;
using G6.Summary.Metrics;
using G6.Summary.Protocol;
using G6.Summary.Publishing;
using G6.Summary.Security;
using Microsoft.Extensions.Logging;

namespace G6.Summary.Streaming;

/// <summary>
/// One stream's own writer, from its first byte to its close: retry, hello (and a full snapshot
/// unless it resumes), then, each time its doorbell rings, whatever it is owed (<see cref="CatchUp"/>),
/// a keepalive when one is due, or <c>bye</c> once shutdown began. It shares the right to write with the
/// publisher's fan-out under the protocol that <see cref="StreamSubscriber"/> states.
/// </summary>
internal sealed class StreamWriterLoop(
    StreamRegistry registry,
    CatchUp catchUp,
    IEventLog log,
    EventEncoder encoder,
    ISummaryMetrics metrics,
    TimeProvider timeProvider,
    double eventsPerSec,
    ILogger logger)
{
    /// <summary>
    /// Serves one stream until the client leaves, the stream is closed for being slow, or the service
    /// stops. The caller has already admitted the request and reserved its slot (given back here when
    /// the stream ends). When this returns, nobody writes to <paramref name="connection"/> any more and
    /// it has been completed.
    /// </summary>
    /// <param name="credential">The token (or session) that admitted the stream; it ends when that is revoked.</param>
    /// <param name="filter">The panel subset the stream asked for (acquired from <paramref name="filters"/>, released here), or null for all panels.</param>
    /// <param name="coding">The body's coding, already named in the response head the caller wrote.</param>
    public async Task RunAsync(StreamConnection connection, ResumePoint? resume, Credential? credential, PanelFilter? filter, PanelFilters filters, ContentCoding coding)
    {
        var stream = new StreamSubscriber(registry.NextId(), connection, timeProvider, eventsPerSec, credential) { Filter = filter, Coding = coding };
        registry.Add(stream);
        metrics.StreamOpened();
        if (coding != ContentCoding.Identity)
        {
            metrics.CompressedStreams(+1);
        }

        try
        {
            // The loop lives in this method (not in a method of its own) so that an open stream holds
            // one async frame, not two: at 10,000 idle streams every object counts.
            catchUp.Begin(stream);
            var state = log.Current;
            var view = filter?.View(state) ?? state;
            if (resume is { } point && catchUp.CanResume(point, state))
            {
                catchUp.Send(stream, encoder.Hello(view, resumed: true));
                stream.Cursor = point.Seq + 1;
                stream.Epoch = state.Epoch;
            }
            else
            {
                catchUp.Send(stream, encoder.Hello(view, resumed: false));
                catchUp.Send(stream, encoder.FullSnapshot(view));
                stream.Cursor = state.Seq + 1;
                stream.Epoch = state.Epoch;
            }

            if (!await stream.FlushAsync(metrics))
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
                    // The fan-out is writing to this stream; it rings again when it lets go.
                    await stream.WaitForRingAsync();
                    if (connection.IsAborted)
                    {
                        return;
                    }

                    continue;
                }

                if (registry.IsStopping)
                {
                    // Kept owned from here on: nothing may follow bye.
                    catchUp.Send(stream, registry.ByeFrame!);
                    CatchUp.End(stream);
                    await stream.FlushAsync(metrics);
                    return;
                }

                if (stream.IsRevoked)
                {
                    // Encoded per stream: a revocation is rare, and the bye carries the seq of the moment it ends.
                    var current = log.Current;
                    catchUp.Send(stream, encoder.Bye(current, current.Cycle, ByeReasons.CredentialsRevoked));
                    CatchUp.End(stream);
                    await stream.FlushAsync(metrics);
                    return;
                }

                var wrote = catchUp.WritePending(stream);
                if (!wrote && stream.TakeKeepaliveDue())
                {
                    catchUp.Write(stream, EventEncoder.Keepalive);
                    wrote = true;
                }

                if (wrote && !await stream.FlushAsync(metrics))
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
            StreamLog.StreamFailed(logger, stream.Id, ex.GetType().Name);
            stream.Abort();
        }
        finally
        {
            await stream.EndAsync();
            connection.Complete();
            metrics.StreamClosed(timeProvider.GetElapsedTime(stream.OpenedTimestamp));
            if (coding != ContentCoding.Identity)
            {
                metrics.CompressedStreams(-1);
            }

            registry.Remove(stream);
            if (filter is not null)
            {
                filters.Release(filter);
            }
        }
    }
}
