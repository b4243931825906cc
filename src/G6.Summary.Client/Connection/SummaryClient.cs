using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using G6.Summary.Protocol;

namespace G6.Summary.Client;

/// <summary>
/// Follows a summary server's stream: connects to <c>/summary/events</c>, applies every event to a
/// <see cref="SummaryState"/>, verifies hashes and digests, fetches <c>/summary/resync</c> when the state
/// cannot be trusted, and reconnects with exponential backoff and jitter, resuming with <c>Last-Event-ID</c>.
/// Changes are published as immutable <see cref="SummaryView"/>s through <see cref="Changed"/> and
/// <see cref="WatchAsync"/>.
/// </summary>
/// <example>
/// <code>
/// await using var client = new SummaryClient(new SummaryClientOptions { BaseAddress = new Uri("http://127.0.0.1:9320") });
/// await foreach (var view in client.WatchAsync(cancellationToken))
/// {
///     Console.WriteLine($"{view.State} cycle {view.Cycle}: {view.Panels.Count} panels");
/// }
/// </code>
/// </example>
public sealed class SummaryClient : IAsyncDisposable
{
    /// <summary>
    /// Views a <see cref="WatchAsync"/> reader may fall behind by; older ones are dropped. Each view is a
    /// whole state, so a slow reader skips intermediate pictures but never shows a wrong one.
    /// </summary>
    private const int WatchBufferViews = 64;

    // Relative (no leading slash), so a base address with a path prefix (behind a proxy) keeps it.
    private static readonly string EventsPath = EndpointPaths.Events[1..];
    private static readonly string ResyncPath = EndpointPaths.Resync[1..];

    private readonly SummaryClientOptions _options;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ReconnectBackoff _backoff;
    private readonly Uri _baseAddress;
    private readonly SummaryState _state;
    private readonly string _eventsPath;
    private readonly string _resyncPath;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _disposed = new();

    private SummaryView _current;
    private long _lastEventTimestamp;
    private int _running;
    private Task _runTask = Task.CompletedTask;

    /// <summary>Creates a client; nothing happens until <see cref="RunAsync"/> or <see cref="WatchAsync"/>.</summary>
    /// <param name="options">Where to connect and how to behave; validated here.</param>
    /// <param name="handler">
    /// The HTTP handler to use (proxies, TLS, tests); the client does not dispose a handler it is given.
    /// Null creates a <see cref="SocketsHttpHandler"/>.
    /// </param>
    /// <param name="timeProvider">Clock for backoff, staleness and timeouts; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public SummaryClient(SummaryClientOptions options, HttpMessageHandler? handler = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { ConnectTimeout = options.RequestTimeout }, disposeHandler: handler is null)
        {
            // A stream lives for hours; the bounds that matter are applied per phase (headers, resync).
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var address = options.BaseAddress.AbsoluteUri;
        _baseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        var subset = options.Panels is { Count: > 0 } keys ? "?panels=" + string.Join(',', keys.Distinct(StringComparer.Ordinal)) : string.Empty;
        _state = new SummaryState { SeqGapsExpected = subset.Length > 0 };
        _eventsPath = EventsPath + subset;
        _resyncPath = ResyncPath + subset;
        _backoff = new ReconnectBackoff(options.InitialReconnectDelay, options.MaxReconnectDelay, Random.Shared.NextDouble);
        _current = new SummaryView { State = ConnectionState.Stopped, Digest = _state.Digest, StaleAfter = StaleThreshold(null) };
    }

    /// <summary>
    /// Raised after every change of state or panels, with the new view. Handlers run on the client's own
    /// thread, in order, while it holds its lock: they must be quick and must not call back into the client.
    /// </summary>
    public event EventHandler<SummaryView>? Changed;

    /// <summary>The latest view.</summary>
    public SummaryView Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>The current connection state.</summary>
    public ConnectionState State => Current.State;

    /// <summary>
    /// Runs the connection loop until <paramref name="cancellationToken"/> is cancelled or the client is
    /// disposed. Never throws for network or server failures: those show as <see cref="ConnectionState"/> changes.
    /// </summary>
    /// <exception cref="InvalidOperationException">The loop is already running.</exception>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException("The client is already running.");
        }

        _runTask = RunLoopAsync(cancellationToken);
        return _runTask;
    }

    /// <summary>
    /// Yields the current view, then every new one, until <paramref name="cancellationToken"/> is cancelled
    /// (the enumeration then simply ends). Runs the connection loop for as long as it is enumerated, unless
    /// <see cref="RunAsync"/> is already running it. A slow reader skips intermediate views (each view is
    /// complete, so it never shows a wrong state), keeping at most the latest 64.
    /// </summary>
    public async IAsyncEnumerable<SummaryView> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<SummaryView>(new BoundedChannelOptions(WatchBufferViews)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        void OnChanged(object? sender, SummaryView view) => channel.Writer.TryWrite(view);
        lock (_gate)
        {
            Changed += OnChanged;
            channel.Writer.TryWrite(_current);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task? run = Interlocked.CompareExchange(ref _running, 1, 0) == 0 ? (_runTask = RunLoopAsync(stop.Token)) : null;
        try
        {
            while (await WaitToReadAsync(channel.Reader, cancellationToken))
            {
                while (channel.Reader.TryRead(out var view))
                {
                    yield return view;
                }
            }
        }
        finally
        {
            Changed -= OnChanged;
            await stop.CancelAsync();
            if (run is not null)
            {
                await run;
            }
        }
    }

    /// <summary>Stops the loop (if running) and releases the HTTP client.</summary>
    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        try
        {
            await _runTask;
        }
        catch (OperationCanceledException)
        {
            // Stopping is the point.
        }

        _http.Dispose();
        _disposed.Dispose();
    }

    private static async ValueTask<bool> WaitToReadAsync(ChannelReader<SummaryView> reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.WaitToReadAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task RunLoopAsync(CancellationToken cancellationToken)
    {
        // Run on the pool: the caller's context (a UI thread) must not carry the loop.
        await Task.Yield();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        var token = stop.Token;
        try
        {
            SetConnection(ConnectionState.Connecting, null);
            var first = true;
            while (!token.IsCancellationRequested)
            {
                if (!first)
                {
                    Publish(v => v with { Reconnects = v.Reconnects + 1 });
                }

                first = false;
                var end = await ConnectOnceAsync(token);
                if (token.IsCancellationRequested)
                {
                    break;
                }

                if (end.WentLive)
                {
                    _backoff.Reset();
                }

                var delay = end.Kind switch
                {
                    // Planned: the server asked for its retry delay; jitter spreads the crowd it sent away.
                    EndKind.Bye => _backoff.Jitter(_backoff.Ceiling(0)),
                    EndKind.Unauthorized => Max(_options.UnauthorizedRetryDelay, _backoff.Next()),
                    EndKind.RetryAfter => Max(end.RetryAfter ?? TimeSpan.Zero, _backoff.Next()),
                    _ => _backoff.Next(),
                };
                SetConnection(end.Kind == EndKind.Unauthorized ? ConnectionState.Unauthorized : ConnectionState.Reconnecting, end.Problem);
                await Task.Delay(delay, _time, token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopped by the owner.
        }
        finally
        {
            SetConnection(ConnectionState.Stopped, null);
            Volatile.Write(ref _running, 0);
        }
    }

    private async Task<ConnectionEnd> ConnectOnceAsync(CancellationToken stop)
    {
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var wentLive = false;
        try
        {
            using var request = NewRequest(_eventsPath);
            if (_options.AcceptGzip)
            {
                request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
            }

            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaTypes.EventStream));
            if (_state.LastEventId is { } lastEventId)
            {
                request.Headers.TryAddWithoutValidation(HeaderNames.LastEventId, lastEventId);
            }

            using var response = await SendWithTimeoutAsync(request, connection.Token);
            if (Refusal(response) is { } refused)
            {
                return refused;
            }

            if (State == ConnectionState.Unauthorized)
            {
                SetConnection(ConnectionState.Reconnecting, null);
            }

            // A handler that decompresses by itself has already removed the coding from the headers.
            var received = await response.Content.ReadAsStreamAsync(connection.Token);
            await using var body = response.Content.Headers.ContentEncoding.Contains("gzip", StringComparer.OrdinalIgnoreCase)
                ? new System.IO.Compression.GZipStream(received, System.IO.Compression.CompressionMode.Decompress)
                : received;
            MarkEventReceived();
            using var watchdog = StartWatchdog(connection);
            var parser = SseParser.Create(body, static (_, data) => Encoding.UTF8.GetString(data));
            await foreach (var item in parser.EnumerateAsync(connection.Token))
            {
                if (parser.ReconnectionInterval > TimeSpan.Zero && parser.ReconnectionInterval != Timeout.InfiniteTimeSpan)
                {
                    _backoff.Base = parser.ReconnectionInterval;
                }

                MarkEventReceived();
                var end = await HandleAsync(item.EventType, item.Data, connection.Token);
                wentLive |= State == ConnectionState.Live;
                if (end is not null)
                {
                    return end with { WentLive = wentLive };
                }
            }

            return new ConnectionEnd(EndKind.Failed, "the server closed the stream", null, wentLive);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            // The watchdog dropped a stream that had gone silent, or a request timed out.
            return new ConnectionEnd(EndKind.Failed, Current.Problem ?? "request timed out", null, wentLive);
        }
        catch (HttpRequestException ex)
        {
            return new ConnectionEnd(EndKind.Failed, Describe(ex), null, wentLive);
        }
        catch (IOException)
        {
            return new ConnectionEnd(EndKind.Failed, "the connection was lost", null, wentLive);
        }
    }

    /// <summary>Applies one event; returns how the connection ends, or null to keep reading.</summary>
    private async Task<ConnectionEnd?> HandleAsync(string eventName, string data, CancellationToken cancellationToken)
    {
        ApplyResult result;
        SummaryEvent? evt = null;
        try
        {
            evt = SummaryEventParser.Parse(eventName, data);
            result = _state.Apply(evt);
        }
        catch (SummaryProtocolException ex)
        {
            _state.Invalidate();
            result = ApplyResult.Resync(ResyncReason.MalformedEvent, ex.Message);
        }

        if (evt is HelloEvent hello)
        {
            Publish(v => v with { Resumed = hello.Resumed, ServerVersion = hello.ServerVersion, HeartbeatCycles = hello.HeartbeatCycles, StaleAfter = StaleThreshold(hello) });
        }

        switch (result.Outcome)
        {
            case ApplyOutcome.Applied:
                PublishState(result.ChangedKeys, _state.IsSynchronized ? ConnectionState.Live : null, clearProblem: _state.IsSynchronized);
                return null;
            case ApplyOutcome.Ignored:
                return null;
            case ApplyOutcome.PlannedRestart:
                return new ConnectionEnd(EndKind.Bye, $"server restarting ({result.Detail})", null, false);
            default:
                PublishState(result.ChangedKeys, null, clearProblem: false);
                SetProblem($"resync: {Describe(result.Reason)}");
                return await ResyncAsync(result, cancellationToken)
                    ? null
                    : new ConnectionEnd(EndKind.Failed, Current.Problem, null, false);
        }
    }

    private async Task<bool> ResyncAsync(ApplyResult cause, CancellationToken cancellationToken)
    {
        try
        {
            using var request = NewRequest(_resyncPath);
            using var response = await SendWithTimeoutAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                SetProblem($"resync failed: HTTP {(int)response.StatusCode}; reconnecting for a snapshot");
                return false;
            }

            using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            var snapshot = SummaryEventParser.ParseResync(await response.Content.ReadAsStringAsync(linked.Token));
            if (_state.SeqGapsExpected)
            {
                // A subset's resync carries the whole state's digest; its panels' hashes are still checked, and the
                // stream's next digest (over the subset) verifies the state again.
                snapshot = snapshot with { Digest = PanelHasher.Digest(snapshot.Panels.Select(p => KeyValuePair.Create(p.Key, p.Hash))) };
            }

            var result = _state.Apply(snapshot);
            if (result.Outcome != ApplyOutcome.Applied)
            {
                SetProblem($"resync failed: {Describe(result.Reason)}; reconnecting for a snapshot");
                return false;
            }

            Publish(v => v with { Resyncs = v.Resyncs + 1 });
            PublishState(result.ChangedKeys, ConnectionState.Live, clearProblem: false);
            SetProblem($"resynced after {Describe(cause.Reason)}");
            return true;
        }
        catch (SummaryProtocolException)
        {
            SetProblem("resync failed: unreadable answer; reconnecting for a snapshot");
            return false;
        }
    }

    private HttpRequestMessage NewRequest(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_baseAddress, path));
        request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        request.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        if (_options.ApiToken is { } token)
        {
            request.Headers.TryAddWithoutValidation(HeaderNames.ApiToken, token);
        }

        return request;
    }

    private async Task<HttpResponseMessage> SendWithTimeoutAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            SetProblem($"no answer within {_options.RequestTimeout.TotalSeconds:0.#} s");
            throw;
        }
    }

    private ConnectionEnd? Refusal(HttpResponseMessage response)
    {
        var code = (int)response.StatusCode;
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return new ConnectionEnd(EndKind.Unauthorized, $"HTTP {code}: {(code == 401 ? "token missing or wrong" : "refused by the server's allow lists")}", null, false);
        }

        if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
        {
            var retry = response.Headers.RetryAfter;
            var after = retry?.Delta ?? (retry?.Date is { } date ? date - _time.GetUtcNow() : null);
            return new ConnectionEnd(EndKind.RetryAfter, $"HTTP {code}: {(code == 429 ? "too many connections" : "server unavailable")}", after, false);
        }

        if (!response.IsSuccessStatusCode)
        {
            return new ConnectionEnd(EndKind.Failed, $"HTTP {code}", null, false);
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        return string.Equals(mediaType, MediaTypes.EventStream, StringComparison.OrdinalIgnoreCase)
            ? null
            : new ConnectionEnd(EndKind.Failed, $"not an event stream ({mediaType ?? "no content type"})", null, false);
    }

    private ITimer StartWatchdog(CancellationTokenSource connection)
    {
        // Checks often enough to notice staleness within a quarter of the threshold, but at most once a second.
        var period = StaleThreshold(_state.Hello) / 4;
        if (period > TimeSpan.FromSeconds(1))
        {
            period = TimeSpan.FromSeconds(1);
        }

        return _time.CreateTimer(_ => CheckStale(connection), null, period, period);
    }

    private void CheckStale(CancellationTokenSource connection)
    {
        var silent = _time.GetElapsedTime(Interlocked.Read(ref _lastEventTimestamp));
        var threshold = StaleThreshold(_state.Hello);
        if (silent >= threshold * 2)
        {
            SetProblem($"no event for {silent.TotalSeconds:0} s; reconnecting");
            try
            {
                connection.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The connection ended meanwhile.
            }
        }
        else if (silent >= threshold)
        {
            lock (_gate)
            {
                if (_current.State == ConnectionState.Live)
                {
                    SetLocked(_current with { State = ConnectionState.Stale, Problem = $"no event for {silent.TotalSeconds:0} s" });
                }
            }
        }
    }

    private void MarkEventReceived()
    {
        Interlocked.Exchange(ref _lastEventTimestamp, _time.GetTimestamp());
        lock (_gate)
        {
            var view = _current with { LastEventAt = _time.GetUtcNow() };
            if (view.State == ConnectionState.Stale)
            {
                view = view with { State = ConnectionState.Live, Problem = null };
            }

            _current = view;
        }
    }

    private TimeSpan StaleThreshold(HelloEvent? hello)
    {
        if (_options.StaleAfter is { } configured)
        {
            return configured;
        }

        // Server default G6_SSE_HEARTBEAT_CYCLES until hello says otherwise.
        var cycles = hello is { HeartbeatCycles: > 0 } ? hello.HeartbeatCycles : 5;
        return _options.AssumedRefreshInterval * (SummaryClientOptions.StaleHeartbeatPeriods * cycles);
    }

    private void PublishState(IReadOnlyList<string> changedKeys, ConnectionState? state, bool clearProblem)
    {
        var panels = _state.Panels;
        var error = _state.LastError;
        Publish(v => v with
        {
            State = state ?? v.State,
            Problem = clearProblem && v.State != ConnectionState.Live ? null : v.Problem,
            Epoch = _state.Epoch,
            Seq = _state.Seq,
            Cycle = _state.Cycle,
            ServerTime = _state.Ts > 0 ? DateTimeOffset.UnixEpoch.AddMilliseconds(_state.Ts) : null,
            Digest = _state.Digest,
            IsSynchronized = _state.IsSynchronized,
            Panels = panels,
            ChangedKeys = changedKeys,
            LastServerError = error?.Message,
            LastServerErrorTime = error?.Timestamp,
        });
    }

    private void SetConnection(ConnectionState state, string? problem) =>
        Publish(v => v with { State = state, Problem = problem ?? (state == ConnectionState.Live ? null : v.Problem), ChangedKeys = [] });

    private void SetProblem(string problem) => Publish(v => v with { Problem = problem, ChangedKeys = [] });

    private void Publish(Func<SummaryView, SummaryView> change)
    {
        lock (_gate)
        {
            SetLocked(change(_current));
        }
    }

    private void SetLocked(SummaryView view)
    {
        if (view == _current)
        {
            return;
        }

        _current = view;

        // Raised under the lock so every subscriber sees views in the order they were made.
        Changed?.Invoke(this, view);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string Describe(HttpRequestException ex) => ex.HttpRequestError switch
    {
        HttpRequestError.ConnectionError => "cannot connect",
        HttpRequestError.NameResolutionError => "host name not found",
        HttpRequestError.SecureConnectionError => "TLS handshake failed",
        HttpRequestError.ResponseEnded => "the server closed the connection",
        _ => "request failed",
    };

    private static string Describe(ResyncReason reason) => reason switch
    {
        ResyncReason.HashMismatch => "a panel hash mismatch",
        ResyncReason.DigestMismatch => "a digest mismatch (drift)",
        ResyncReason.Truncated => "a truncated event",
        ResyncReason.SeqGap => "a gap in the stream",
        ResyncReason.NoSnapshot => "an event before any snapshot",
        ResyncReason.MalformedEvent => "an unreadable event",
        _ => "no reason",
    };

    private enum EndKind
    {
        Failed,
        Bye,
        Unauthorized,
        RetryAfter,
    }

    private sealed record ConnectionEnd(EndKind Kind, string? Problem, TimeSpan? RetryAfter, bool WentLive);
}
