namespace G6.Summary.Metrics;

/// <summary>
/// Everything the service counts, behind one small interface so the data flow does not depend on a
/// metrics library. Implementations must be cheap and thread-safe: stream methods run once per
/// event per stream.
/// </summary>
public interface ISummaryMetrics
{
    void CycleCompleted(TimeSpan duration);

    /// <summary>Health's view of the status after a cycle: stale or not, and how old the last changed status is (null: none yet).</summary>
    void StatusFreshness(bool stale, double? ageSeconds);

    void StatusReadFailed(string reason);

    void PanelUpdated(string key);

    void PanelFailed(string key);

    void EventPublished(string name, int bytes);

    void StreamOpened();

    void StreamClosed(TimeSpan duration);

    void StreamRejected(string reason);

    /// <summary>A missing or wrong token on <paramref name="endpoint"/> (<see cref="AuthEndpoints"/>).</summary>
    void AuthFailed(string endpoint);

    /// <summary>The configured stream cap (<c>G6_SSE_MAX_CONNECTIONS</c>), so alerts can be written as a ratio.</summary>
    void StreamCapConfigured(int maxStreams);

    void EventSent(string name, TimeSpan dispatchLatency);

    void EventsDropped(long count);

    void SlowDisconnect();

    /// <summary>
    /// A write to a stream did not complete at once: its socket's send buffer was full, so the stream's
    /// writer waits for the client (the slow path; a client that keeps up never causes one).
    /// </summary>
    void WriteWaited();

    /// <summary>A gzip stream opened (+1) or closed (-1).</summary>
    void CompressedStreams(int delta);

    /// <summary>One frame compressed (once for every gzip stream that sends it): its plain and compressed sizes.</summary>
    void FrameCompressed(int plainBytes, int compressedBytes);

    /// <summary>A <c>POST /summary/status</c> ended with <paramref name="result"/> (<see cref="PushResults"/>); <paramref name="bytes"/> is its body size when read.</summary>
    void PushHandled(string result, long? bytes);

    /// <summary>From a push's body being read to its event being in the log.</summary>
    void PushPublished(TimeSpan latency);

    /// <summary>An audit line suppressed by the audit log's rate limit.</summary>
    void SecurityEventDropped();

    /// <summary>The shared log's state turned degraded (Redis not answering) or back.</summary>
    void BackplaneDegraded(bool degraded);

    /// <summary>One append to the shared log and how it ended (<see cref="BackplaneOutcomes"/>).</summary>
    void BackplaneAppended(string outcome, TimeSpan duration);

    /// <summary>One read of the shared log by this node's follower.</summary>
    void BackplaneRead(TimeSpan duration);

    /// <summary>A call to Redis that failed or timed out, by operation (append, read).</summary>
    void BackplaneFailed(string operation);

    /// <summary>Events the log's head is ahead of this node's window.</summary>
    void BackplaneLag(long events);

    /// <summary>The connection to Redis came back after it was lost.</summary>
    void BackplaneReconnected();

    /// <summary>This node started a new epoch of the shared log (first start, or Redis lost its data).</summary>
    void BackplaneEpochStarted();
}
