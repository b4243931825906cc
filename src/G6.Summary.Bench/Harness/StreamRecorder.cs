using G6.Summary.Protocol;

namespace G6.Summary.Bench.Harness;

/// <summary>
/// The accounting of one stream: how it connected, what it received, and whether its <c>seq</c> ran
/// without gaps or duplicates. Written only by that stream's read loop; read after the run.
/// </summary>
/// <remarks>
/// Sequence rules (PROTOCOL.md): <c>full_snapshot</c> sets the baseline (any later one is a re-snapshot
/// after the server dropped this stream's backlog); every other event with a <c>seq</c> must carry the
/// next one. A jump is a gap unless the event says <c>coalesced</c> (a throttled stream's update stands
/// for several); a repeat or step back is a duplicate. <c>hello</c> describes the current state and
/// <c>bye</c> repeats the last seq, so neither takes part. A server without <c>full_snapshot</c> gets its
/// baseline from its first event with a <c>seq</c>.
/// Across reconnects (<see cref="BenchOptions.Reconnect"/>) the count goes on: a resumed stream must carry
/// on at the next seq (a jump is a gap), a stream sent a full snapshot instead counts as one; a new epoch
/// starts a new baseline (its seqs count from the beginning again).
/// </remarks>
public sealed class StreamRecorder(int index)
{
    private readonly Dictionary<string, long> _eventsByType = new(StringComparer.Ordinal);
    private long _nextSeq = -1;
    private long _totalEvents;
    private bool _awaitingHello;
    private double _disconnectedAtMs;

    public int Index { get; } = index;

    private long _wireBytes;

    /// <summary>Bytes received from the socket (heads, framing and body, compressed or not); safe to read from another thread.</summary>
    public long WireBytes => Interlocked.Read(ref _wireBytes);

    /// <summary>The last response said <c>Content-Encoding: gzip</c>.</summary>
    public bool Gzip { get; private set; }

    /// <summary>Called by the stream's reader for every read.</summary>
    public void AddWireBytes(int count) => Volatile.Write(ref _wireBytes, _wireBytes + count);

    public void MarkGzip(bool gzip) => Gzip = gzip;

    /// <summary>When the connect began, Unix ms.</summary>
    public double ConnectStartedMs { get; set; }

    public bool Connected { get; private set; }

    /// <summary>Why the stream never opened (e.g. <c>refused</c>, <c>http_429</c>); null if it did.</summary>
    public string? FailureCause { get; private set; }

    /// <summary>Why an open stream ended before the run stopped it (e.g. <c>server_closed</c>); null if it did not.</summary>
    public string? EndCause { get; private set; }

    public double? TimeToHelloMs { get; private set; }

    public double? TimeToSnapshotMs { get; private set; }

    public IReadOnlyDictionary<string, long> EventsByType => _eventsByType;

    /// <summary>Every event received; safe to read from another thread for progress lines.</summary>
    public long TotalEvents => Interlocked.Read(ref _totalEvents);

    /// <summary>True once a seq baseline is set (the server sends seq).</summary>
    public bool HasBaseline => _nextSeq >= 0;

    /// <summary>Events received in the measurement window (those that fed the latency histogram).</summary>
    public long WindowEvents { get; private set; }

    /// <summary>Events missed: the sum of every seq jump not explained by <c>coalesced</c>.</summary>
    public long Gaps { get; private set; }

    public long Duplicates { get; private set; }

    /// <summary>Events that carried <c>coalesced</c> (a throttled stream's stand-in for several).</summary>
    public long CoalescedEvents { get; private set; }

    /// <summary><c>full_snapshot</c>s after the first: the server dropped this stream's backlog.</summary>
    public long Resnapshots { get; private set; }

    /// <summary>Events a re-snapshot stood in for (seqs this stream never got as events).</summary>
    public long SkippedBySnapshot { get; private set; }

    /// <summary>Events whose data was not a JSON object.</summary>
    public long ParseErrors { get; private set; }

    /// <summary>The epoch of the last <c>hello</c> (what a reconnect's <c>Last-Event-ID</c> names).</summary>
    public string? Epoch { get; private set; }

    /// <summary>The seq of the last event with one.</summary>
    public long LastSeq { get; private set; } = -1;

    /// <summary><c>&lt;epoch&gt;-&lt;seq&gt;</c> of the last event, or null before there is one.</summary>
    public string? LastEventId => Epoch is null || LastSeq < 0 ? null : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Epoch}-{LastSeq}");

    /// <summary>Connects started again after the stream ended or failed.</summary>
    public int ReconnectAttempts { get; private set; }

    /// <summary>Reconnects answered with <c>hello</c> <c>resumed: true</c>.</summary>
    public int Resumes { get; private set; }

    /// <summary>Reconnects answered with a fresh <c>hello</c> and a full snapshot.</summary>
    public int ReconnectSnapshots { get; private set; }

    /// <summary>Reconnects that found another epoch (a new log: the server restarted in memory, or Redis lost its data).</summary>
    public int EpochChanges { get; private set; }

    /// <summary>When the stream last ended or failed (Unix ms), while it has not been reopened.</summary>
    public double? DisconnectedAtMs => _awaitingHello ? _disconnectedAtMs : null;

    /// <summary>When the first disconnection of the run happened (Unix ms).</summary>
    public double? FirstDisconnectedAtMs { get; private set; }

    /// <summary>When the last reconnect got its <c>hello</c> (Unix ms).</summary>
    public double? LastReopenedAtMs { get; private set; }

    /// <summary>The stream ended (or a connect failed); a reconnect follows.</summary>
    public void Disconnected(double nowMs)
    {
        if (!_awaitingHello)
        {
            _awaitingHello = true;
            _disconnectedAtMs = nowMs;
            FirstDisconnectedAtMs ??= nowMs;
        }
    }

    /// <summary>A reconnect begins.</summary>
    public void BeginReconnect() => ReconnectAttempts++;

    public void MarkConnected() => Connected = true;

    public void MarkFailed(string cause) => FailureCause ??= cause;

    public void MarkEnded(string cause) => EndCause ??= cause;

    /// <summary>Accounts one received event.</summary>
    /// <param name="receivedMs">Receive time, Unix ms, on the same clock as the server's <c>ts</c>.</param>
    /// <param name="window">The latency histogram while the measurement window is open; null outside it.</param>
    public void OnEvent(string eventType, ReadOnlySpan<byte> data, double receivedMs, LatencyHistogram? window)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        _eventsByType[eventType] = _eventsByType.GetValueOrDefault(eventType) + 1;
        Volatile.Write(ref _totalEvents, _totalEvents + 1);
        var isHello = eventType == EventNames.Hello;
        var isSnapshot = eventType == EventNames.FullSnapshot;
        if (isHello)
        {
            TimeToHelloMs ??= receivedMs - ConnectStartedMs;
        }
        else if (isSnapshot)
        {
            TimeToSnapshotMs ??= receivedMs - ConnectStartedMs;
        }

        if (!EventFields.TryParse(data, out var fields))
        {
            ParseErrors++;
            return;
        }

        if (isHello)
        {
            OnHello(data, receivedMs);
            return;
        }

        if (eventType == EventNames.Bye)
        {
            return;
        }

        if (fields.Seq is { } seq)
        {
            LastSeq = seq;
            TrackSeq(seq, isSnapshot, fields.Coalesced is not null);
        }

        // hello and full_snapshot are built once per state and cached, so their ts is when the state
        // was first described, not when this stream was sent it: not a dispatch latency.
        if (window is not null && !isSnapshot)
        {
            WindowEvents++;
            if (fields.Ts is { } ts)
            {
                window.RecordMilliseconds(receivedMs - ts);
            }
        }
    }

    private void OnHello(ReadOnlySpan<byte> data, double receivedMs)
    {
        // One hello per connection: reading two more fields here costs nothing next to the events.
        string? epoch = null;
        var resumed = false;
        var reader = new System.Text.Json.Utf8JsonReader(data);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != System.Text.Json.JsonTokenType.PropertyName || reader.CurrentDepth != 1)
                {
                    continue;
                }

                if (reader.ValueTextEquals("epoch"u8) && reader.Read())
                {
                    epoch = reader.TokenType == System.Text.Json.JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("resumed"u8) && reader.Read())
                {
                    resumed = reader.TokenType == System.Text.Json.JsonTokenType.True;
                }
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Counted as a parse error by the caller's reading of the same bytes.
        }

        if (_awaitingHello)
        {
            _awaitingHello = false;
            LastReopenedAtMs = receivedMs;
            if (resumed)
            {
                Resumes++;
            }
            else
            {
                ReconnectSnapshots++;
            }
        }

        if (Epoch is not null && epoch is not null && epoch != Epoch)
        {
            // A new log: its seqs start again, so the full snapshot that follows is the new baseline.
            EpochChanges++;
            _nextSeq = -1;
        }

        Epoch = epoch ?? Epoch;
    }

    private void TrackSeq(long seq, bool isSnapshot, bool coalesced)
    {
        if (_nextSeq < 0)
        {
            _nextSeq = seq + 1;
            return;
        }

        if (isSnapshot)
        {
            Resnapshots++;
            SkippedBySnapshot += Math.Max(0, seq - _nextSeq + 1);
            _nextSeq = Math.Max(_nextSeq, seq + 1);
            return;
        }

        if (coalesced)
        {
            CoalescedEvents++;
        }

        if (seq == _nextSeq)
        {
            _nextSeq++;
        }
        else if (seq > _nextSeq)
        {
            if (!coalesced)
            {
                Gaps += seq - _nextSeq;
            }

            _nextSeq = seq + 1;
        }
        else
        {
            Duplicates++;
        }
    }
}
