using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json;
using G6.Summary.Configuration;
using G6.Summary.Metrics;
using G6.Summary.Protocol;
using G6.Summary.Publishing;
using G6.Summary.Snapshot;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace G6.Summary.Backplane;

/// <summary>
/// The event log shared by every node of a deployment, on a Redis stream (<c>G6_BACKPLANE=redis</c>).
/// Epoch and seq live in Redis; each node keeps a local window (an <see cref="InMemoryEventLog"/>) that is
/// always an exact prefix of the shared log, so the hub, the encoder and the endpoints read it as they read
/// the in-memory log, and every node sends the same id and the same bytes for the same event.
/// </summary>
/// <remarks>
/// <para><b>Writing.</b> <see cref="TryAppendAsync"/> runs one Lua script (<see cref="LogScripts.Append"/>)
/// that appends only if the log's head is still the seq and digest the event was built on, and, for a change,
/// only if the event's status is not older than the head's. So each seq is won by exactly one node, and a
/// node that read an older status document is refused rather than taking the state back. A refused node
/// builds its next cycle on the new head, which its follower brings in.</para>
/// <para><b>Following.</b> One task per node reads the entries after its window's head with a
/// non-blocking script (<see cref="LogScripts.Read"/>, an <c>XRANGE</c>) whenever the pub/sub channel says
/// the log moved, and once a second anyway: pub/sub is fire-and-forget (a message sent while this node was
/// reconnecting is never delivered, and a <c>FLUSHALL</c> sends none), so the poll bounds how long any such
/// miss lasts. No blocking <c>XREAD</c>: the multiplexer is shared by every call of this process, and a
/// blocking command would hold it. <see cref="Appended"/> is raised when the follower (or this node's own
/// append) brings events in, so the fan-out is one encode per node per event, as with the in-memory log.</para>
/// <para><b>Window changes</b> happen under one lock, so appends, follows and rebuilds never interleave.</para>
/// </remarks>
public sealed partial class RedisEventLog : IEventLog, IBackplaneStatus, IHostedService, IAsyncDisposable
{
    /// <summary>The epoch of a node that has not yet read the shared log: it appends nothing, and clients that connect meanwhile get a full snapshot when it joins.</summary>
    public const string UnjoinedEpoch = "0";

    // Pub/sub wakes the follower at once; this bounds how late a lost wake-up (or a FLUSHALL) is noticed.
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    // A node waits this long at start for Redis before it serves without the log (degraded).
    private static readonly TimeSpan JoinWait = TimeSpan.FromSeconds(5);

    // Entries per read: one round trip carries a burst; a longer backlog takes several.
    private const int ReadBatch = 512;

    private readonly SummaryOptions _options;
    private readonly BackplaneOptions _backplane;
    private readonly RedisLogKeys _keys;
    private readonly string _address;
    private readonly RedisKey[] _keyArgs;
    private readonly ISummaryMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisEventLog> _logger;
    private readonly int _capacity;
    private readonly Lock _windowLock = new();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile InMemoryEventLog _window;
    private ConnectionMultiplexer? _redis;
    private Task _follower = Task.CompletedTask;
    private volatile string _state = BackplaneStatus.Joining;

    // The appender and the follower fail or recover on their own threads: one turn of the state (and its one
    // log line) at a time, so an outage both of them meet is logged once.
    private readonly Lock _stateTurn = new();
    private volatile string? _lastError;
    private long _logHead;
    private bool _subscribed;
    private int _disposed;

    public RedisEventLog(SummaryOptions options, ISummaryMetrics metrics, TimeProvider timeProvider, ILogger<RedisEventLog> logger)
    {
        _options = options;
        _backplane = options.Backplane;
        if (_backplane.Redis is null)
        {
            throw new InvalidSettingException(SettingNames.Redis, $"must be set when {SettingNames.Backplane}=redis");
        }

        _keys = RedisLogKeys.For(_backplane.Prefix);
        _address = RedisAddress.Describe(_backplane.Redis);
        _keyArgs = [_keys.Meta, _keys.Stream];
        _metrics = metrics;
        _time = timeProvider;
        _logger = logger;
        _capacity = options.Streaming.QueueMax + WindowSlack;
        _window = new InMemoryEventLog(UnjoinedEpoch, _capacity);
    }

    // As the in-memory log: room for a full queue plus events published while a stream copies.
    private const int WindowSlack = 64;

    public event Action? Appended;

    public PublishedState Current => _window.Current;

    public BackplaneStatus Status =>
        new("redis", _state, _backplane.NodeId, Math.Max(0, Interlocked.Read(ref _logHead) - Current.Seq), _lastError);

    public bool TryGet(long seq, [MaybeNullWhen(false)] out PublishedEvent evt) => _window.TryGet(seq, out evt);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _redis = await ConnectionMultiplexer.ConnectAsync(_backplane.Redis!.Clone());
        _redis.ConnectionFailed += (_, e) => Failed("connection", e.FailureType.ToString());
        _redis.ConnectionRestored += (_, _) =>
        {
            _metrics.BackplaneReconnected();
            Wake();
        };
        _metrics.BackplaneDegraded(false);
        _follower = Task.Run(() => FollowAsync(_stop.Token), CancellationToken.None);

        // Serve the shared state from the first request when Redis answers; without it, start anyway.
        var joined = await Task.WhenAny(_joined.Task, Task.Delay(JoinWait, _time, cancellationToken));
        if (joined != _joined.Task)
        {
            LogJoinLate(_address, JoinWait.TotalSeconds);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        await _follower.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public async ValueTask DisposeAsync()
    {
        // Registered under three service types, so the container may dispose it more than once.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync();
        await _follower.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        _stop.Dispose();
        _wake.Dispose();
    }

    public async ValueTask<bool> TryAppendAsync(PublishedEvent evt, PublishedState stateAfter, CancellationToken cancellationToken)
    {
        var head = Current;
        if (_redis is null || head.Epoch == UnjoinedEpoch || evt.Epoch != head.Epoch || evt.Seq != head.Seq + 1)
        {
            return false;
        }

        // Panels the same instance as the head's: a heartbeat or an error, which moves the seq, not the state.
        var change = stateAfter.Panels != head.Panels;
        RedisValue[] args =
        [
            head.Epoch, head.Seq, head.Digest, change ? "change" : "same",
            stateAfter.Source.TimeMs, stateAfter.Source.Cycle, Math.Max(1, _options.Streaming.ReplayEvents), _keys.Wake,
            evt.Frame, evt.Name, string.Join(LogEntry.KeySeparator, evt.ChangedKeys), evt.Cycle,
            LogEntry.FormatTs(stateAfter.Ts), stateAfter.Digest, change ? PanelsJson(stateAfter.Panels) : "", _backplane.NodeId,
        ];

        var started = _time.GetTimestamp();
        RedisResult reply;
        try
        {
            reply = await _redis.GetDatabase().ScriptEvaluateAsync(LogScripts.Append, _keyArgs, args);
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            _metrics.BackplaneAppended(BackplaneOutcomes.Failed, _time.GetElapsedTime(started));
            _metrics.BackplaneFailed("append");
            Failed("append", ex.GetType().Name);
            return false;
        }

        var outcome = (string?)reply[0] switch
        {
            "ok" => BackplaneOutcomes.Appended,
            "moved" => BackplaneOutcomes.Moved,
            "older" => BackplaneOutcomes.Older,
            "epoch" => BackplaneOutcomes.Epoch,
            _ => BackplaneOutcomes.Lost,
        };
        _metrics.BackplaneAppended(outcome, _time.GetElapsedTime(started));
        Healthy();
        if (outcome != BackplaneOutcomes.Appended)
        {
            // The head moved (or the log is another one): the follower brings it in before the next cycle.
            Wake();
            return false;
        }

        SetLogHead(evt.Seq);
        lock (_windowLock)
        {
            // The follower may have brought our own entry in first; then it is already applied.
            var current = _window.Current;
            if (current.Epoch == evt.Epoch && current.Seq == evt.Seq - 1)
            {
                _window.Append(evt, stateAfter);
                Appended?.Invoke();
            }
        }

        return true;
    }

    private async Task FollowAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await SubscribeAsync();
                await CatchUpAsync();
            }
            catch (Exception ex) when (IsRedisFailure(ex))
            {
                _metrics.BackplaneFailed("read");
                Failed("read", ex.GetType().Name);
            }
            catch (Exception ex) when (ex is JsonException or FormatException or InvalidCastException)
            {
                // Entries this code did not write (or a damaged one): keep the window, say so, try again.
                Failed("read", "unreadable entry");
            }

            try
            {
                await _wake.WaitAsync(PollInterval, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task SubscribeAsync()
    {
        if (_subscribed)
        {
            return;
        }

        // The multiplexer subscribes again by itself after a reconnect; only the first subscribe may fail.
        await _redis!.GetSubscriber().SubscribeAsync(RedisChannel.Literal(_keys.Wake), (_, _) => Wake());
        _subscribed = true;
    }

    /// <summary>Brings the window up to the log's head (<see cref="FollowCursor"/> decides each step).</summary>
    private async Task CatchUpAsync()
    {
        var db = _redis!.GetDatabase();

        // Bounded: a log that keeps moving faster than one read per round is caught up by the next wake-up.
        for (var round = 0; round < 64; round++)
        {
            var local = Current;
            var started = _time.GetTimestamp();
            var reply = await db.ScriptEvaluateAsync(LogScripts.Read, _keyArgs, [LogEntryId.From(local.Seq + 1), ReadBatch]);
            _metrics.BackplaneRead(_time.GetElapsedTime(started));
            var lost = (string?)reply[0] != "ok";
            var epoch = lost ? null : (string?)reply[1];
            var head = lost ? 0 : LogEntry.ParseLong((string?)reply[2]);
            var entries = lost ? [] : ReadEntries(reply[3]);
            SetLogHead(head);

            switch (FollowCursor.Decide(local.Epoch, local.Seq, epoch, head, entries.Count > 0 ? entries[0].Seq : null))
            {
                case FollowStep.UpToDate:
                    Joined();
                    return;
                case FollowStep.Apply:
                    Apply(entries);
                    if (Current.Seq >= head)
                    {
                        Joined();
                        return;
                    }

                    break;
                case FollowStep.Rebuild:
                    await RebuildAsync(db);
                    break;
                case FollowStep.Start:
                    await ResetAsync(db, "start", local);
                    break;
                case FollowStep.Restart:
                    LogLogWentBack(local.Epoch, local.Seq, head);
                    await ResetAsync(db, "restart", local);
                    break;
            }
        }
    }

    private void Apply(List<LogEntry> entries)
    {
        lock (_windowLock)
        {
            var applied = false;
            foreach (var entry in entries)
            {
                var current = _window.Current;
                if (entry.Seq <= current.Seq)
                {
                    continue;
                }

                if (entry.Epoch != current.Epoch || entry.Seq != current.Seq + 1)
                {
                    // Not a continuation (cannot happen from one read; the next round rebuilds if it does).
                    break;
                }

                var after = StateAfter(current, entry);
                _window.Append(ToEvent(entry, after), after);
                applied = true;
            }

            if (applied)
            {
                Appended?.Invoke();
            }
        }
    }

    /// <summary>Replaces the window with the log's tail: a late start, a new epoch, or a node that fell behind the trim.</summary>
    private async Task RebuildAsync(IDatabase db)
    {
        var reply = await db.ScriptEvaluateAsync(LogScripts.Tail, _keyArgs, [_capacity]);
        if ((string?)reply[0] != "ok")
        {
            return;
        }

        var epoch = (string)reply[1]!;
        var head = LogEntry.ParseLong((string?)reply[2]);
        var panelsJson = (string?)reply[6];
        var panels = string.IsNullOrEmpty(panelsJson) ? [] : ParsePanels(panelsJson);
        var state = new PublishedState(epoch, head, LogEntry.ParseLong((string?)reply[4]), LogEntry.ParseDouble((string?)reply[5]),
            panels, (string?)reply[3] ?? PanelHasher.Digest([]))
        {
            Source = new StatusVersion(LogEntry.ParseLong((string?)reply[7]), LogEntry.ParseLong((string?)reply[8])),
        };
        var entries = ReadEntries(reply[9]);
        entries.Reverse();
        var events = new List<PublishedEvent>(entries.Count);
        PublishedState? after = null;
        foreach (var entry in entries.Where(e => e.Epoch == epoch && e.Seq <= head))
        {
            // Each event's state, where the tail tells it: an update carries its panels, a heartbeat or
            // an error follows the one before; one the tail cannot tell is left unknown (a panel-subset
            // stream resuming there gets a subset snapshot instead of a replay).
            after = entry.PanelsJson is not null || after is not null ? StateAfter(after ?? state, entry) : null;
            events.Add(after is null
                ? new PublishedEvent(entry.Epoch, entry.Seq, entry.Cycle, entry.Name, entry.ChangedKeys, entry.Frame, _time.GetTimestamp())
                : ToEvent(entry, after));
        }

        string previous;
        lock (_windowLock)
        {
            previous = _window.Current.Epoch;
            _window = new InMemoryEventLog(state, events, _capacity);
            Appended?.Invoke();
        }

        SetLogHead(head);
        Joined();
        if (previous != epoch)
        {
            LogJoined(epoch, head, events.Count, _backplane.NodeId);
        }
    }

    private async Task ResetAsync(IDatabase db, string mode, PublishedState local)
    {
        var proposed = NewEpoch();
        RedisValue[] args =
        [
            mode, local.Epoch, local.Seq, proposed, local.Digest, local.Cycle, LogEntry.FormatTs(local.Ts),
            local.Panels.IsEmpty ? "" : PanelsJson(local.Panels), local.Source.TimeMs, local.Source.Cycle,
        ];
        var epoch = (string?)await db.ScriptEvaluateAsync(LogScripts.Reset, _keyArgs, args);
        if (epoch == proposed)
        {
            _metrics.BackplaneEpochStarted();
            LogEpochStarted(proposed, mode == "start" ? "the log had none (first start, or Redis lost its data)" : "Redis lost events this node had applied");
        }
    }

    private static List<LogEntry> ReadEntries(RedisResult items)
    {
        var entries = new List<LogEntry>(items.Length);
        for (var i = 0; i < items.Length; i++)
        {
            if (LogEntry.FromResult(items[i]) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    // The state after the event goes with it, so a panel-subset stream can be replayed from here.
    private PublishedEvent ToEvent(LogEntry entry, PublishedState after) =>
        new(entry.Epoch, entry.Seq, entry.Cycle, entry.Name, entry.ChangedKeys, entry.Frame, _time.GetTimestamp()) { StateAfter = after };

    private static PublishedState StateAfter(PublishedState current, LogEntry entry) =>
        entry.PanelsJson is { } json
            ? new PublishedState(entry.Epoch, entry.Seq, entry.Cycle, entry.Ts, ParsePanels(json), entry.Digest) { Source = entry.Source }
            : current.Advance(entry.Seq, entry.Cycle, entry.Ts);

    private static string PanelsJson(ImmutableArray<Panel> panels) =>
        JsonSerializer.Serialize([.. panels.Select(p => new StoredPanel(p.Key, p.Title, [.. p.Lines], p.Hash))], BackplaneJsonContext.Stored.StoredPanelArray);

    private static ImmutableArray<Panel> ParsePanels(string json) =>
        [.. (JsonSerializer.Deserialize(json, BackplaneJsonContext.Stored.StoredPanelArray) ?? []).Select(p => new Panel(p.Key, p.Title, [.. p.Lines], p.Hash))];

    private void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
        catch (Exception ex) when (ex is SemaphoreFullException or ObjectDisposedException)
        {
            // Already rung, or stopping.
        }
    }

    private void SetLogHead(long head) => Interlocked.Exchange(ref _logHead, head);

    private void Joined()
    {
        Healthy();
        _metrics.BackplaneLag(Math.Max(0, Interlocked.Read(ref _logHead) - Current.Seq));
        _joined.TrySetResult();
    }

    private void Healthy()
    {
        if (_state == BackplaneStatus.Ok || Current.Epoch == UnjoinedEpoch)
        {
            return;
        }

        lock (_stateTurn)
        {
            if (_state == BackplaneStatus.Ok)
            {
                return;
            }

            // Logged before the state turns: whoever sees "ok" (health, a test) finds the line already written.
            if (_state == BackplaneStatus.Degraded)
            {
                LogRecovered(_address, Current.Epoch, Current.Seq);
            }

            _lastError = null;
            _metrics.BackplaneDegraded(false);
            _state = BackplaneStatus.Ok;
        }
    }

    /// <summary>Logs once per outage (not per event or per retry), and tells the operator what to check.</summary>
    private void Failed(string operation, string error)
    {
        _lastError = $"{operation}: {error}";
        if (_state == BackplaneStatus.Degraded)
        {
            return;
        }

        lock (_stateTurn)
        {
            if (_state == BackplaneStatus.Degraded)
            {
                return;
            }

            LogDegraded(_address, operation, error);
            _metrics.BackplaneDegraded(true);
            _state = BackplaneStatus.Degraded;
        }
    }

    private static bool IsRedisFailure(Exception ex) => ex is RedisException or TimeoutException or ObjectDisposedException;

    // Eight hex digits, as the in-memory log's: short in every id.
    private static string NewEpoch() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
}
