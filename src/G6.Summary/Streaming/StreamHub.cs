using G6.Summary.Compression;
using G6.Summary.Configuration;
using G6.Summary.Metrics;
using G6.Summary.Publishing;
using G6.Summary.Security;
using Microsoft.Extensions.Logging;

namespace G6.Summary.Streaming;

/// <summary>
/// The streams' side of the service, put together: the registry of open streams and the cap
/// (<see cref="StreamRegistry"/>), each stream's writer loop (<see cref="StreamWriterLoop"/>), what a stream
/// is owed (<see cref="CatchUp"/>), the publisher's fan-out (<see cref="FanOut"/>, subscribed to the log) and
/// housekeeping (<see cref="Housekeeper"/>). Endpoints and transports hand it connections; it never waits on
/// a client, and one slow client delays nobody but itself.
/// </summary>
public sealed class StreamHub : IStreamCapacity, IDisposable
{
    private readonly SummaryOptions _options;
    private readonly IEventLog _log;
    private readonly EventEncoder _encoder;
    private readonly ILogger<StreamHub> _logger;
    private readonly StreamRegistry _registry;
    private readonly StreamWriterLoop _loop;
    private readonly FanOut _fanOut;
    private readonly Housekeeper _housekeeper;

    public StreamHub(SummaryOptions options, IEventLog log, EventEncoder encoder, FrameCompressor compressor, ISummaryMetrics metrics, TimeProvider timeProvider, ILogger<StreamHub> logger)
    {
        _options = options;
        _log = log;
        _encoder = encoder;
        _logger = logger;
        _registry = new StreamRegistry(options.Security.MaxConnections);
        Filters = new PanelFilters(options, encoder, timeProvider);
        var catchUp = new CatchUp(options, log, encoder, compressor, metrics, timeProvider, new OverflowWarnings(timeProvider, logger));
        _loop = new StreamWriterLoop(_registry, catchUp, log, encoder, metrics, timeProvider, options.Streaming.EventsPerSec, logger);
        _fanOut = new FanOut(options, _registry, catchUp, Filters, log, metrics, logger);
        _housekeeper = new Housekeeper(options, _registry, metrics, timeProvider, logger);
        metrics.StreamCapConfigured(options.Security.MaxConnections);
        _log.Appended += _fanOut.OnAppended;
    }

    /// <summary>How long a stream refused for <c>G6_SSE_MAX_FILTERS</c> should wait: subsets free up as streams close.</summary>
    public const int FiltersRetryAfterSeconds = 5;

    public int ActiveStreams => _registry.Count;

    /// <summary>The panel subsets in use (<c>?panels=</c>), shared by the streams that asked for the same keys.</summary>
    public PanelFilters Filters { get; }

    /// <summary>Slots of <c>G6_SSE_MAX_CONNECTIONS</c> held by admitted streams (open or opening).</summary>
    public int ReservedSlots => _registry.ReservedSlots;

    /// <summary>Streams whose last write is waiting on a client that is not reading (computed on demand).</summary>
    public int BlockedStreams => _registry.Streams.Values.Count(s => s.PendingWriteSince != 0);

    public bool IsStopping => _registry.IsStopping;

    /// <summary>
    /// The subset an admitted stream asked for with <c>?panels=</c> (null filter: every panel), or the
    /// refusal to answer with: 400 naming unknown keys (or subsets off), 503 when every subset is in use.
    /// Both transports call it after admission; on a refusal the caller gives back the stream's slot.
    /// </summary>
    public bool TryOpenFilter(Microsoft.Extensions.Primitives.StringValues panels, ISummaryMetrics metrics, out PanelFilter? filter, out Security.Admission refusal)
    {
        filter = null;
        refusal = default;
        if (Microsoft.Extensions.Primitives.StringValues.IsNullOrEmpty(panels))
        {
            return true;
        }

        var known = new HashSet<string>(Panels.PanelKeys.DisplayOrder, StringComparer.Ordinal);
        known.UnionWith(_log.Current.ByKey.Keys);
        var (keys, error) = PanelFilters.Parse(panels, known);
        if (error is null && keys is not null && _options.Filters.MaxFilters == 0)
        {
            error = "panel subsets are off (G6_SSE_MAX_FILTERS=0)";
        }

        if (error is not null)
        {
            refusal = Security.Admission.Refuse(400, RejectionReasons.UnknownPanels, error);
        }
        else if (keys is { } wanted && (filter = Filters.TryAcquire(wanted)) is null)
        {
            refusal = Security.Admission.Refuse(503, RejectionReasons.TooManyFilters,
                "too many distinct panel subsets in use (G6_SSE_MAX_FILTERS); retry, or ask for all panels", FiltersRetryAfterSeconds);
        }

        if (refusal.Status == 0)
        {
            return true;
        }

        metrics.StreamRejected(refusal.Reason);
        return false;
    }

    public bool TryReserveSlot() => _registry.TryReserveSlot();

    public void ReleaseSlot() => _registry.ReleaseSlot();

    /// <inheritdoc cref="StreamWriterLoop.RunAsync"/>
    public Task RunAsync(StreamConnection connection, ResumePoint? resume, Credential? credential = null, PanelFilter? filter = null, ContentCoding coding = ContentCoding.Identity) =>
        _loop.RunAsync(connection, resume, credential, filter, Filters, coding);

    /// <summary>
    /// Rings every open stream admitted with <paramref name="credential"/>, which is revoked before this is
    /// called (<see cref="Credential.IsRevoked"/>); each one's loop sends <c>bye</c> (<c>credentials revoked</c>)
    /// and closes it. A stream admitted meanwhile and missed by this walk sees the flag itself on its loop's next turn.
    /// </summary>
    /// <returns>How many streams were told to end.</returns>
    public int EndStreamsOf(Credential credential)
    {
        var ended = 0;
        foreach (var (_, stream) in _registry.Streams)
        {
            if (ReferenceEquals(stream.Credential, credential))
            {
                stream.Ring();
                ended++;
            }
        }

        return ended;
    }

    /// <summary>
    /// Stops admitting, sends <c>bye</c> to every stream and completes when all have closed
    /// (the host's shutdown timeout bounds the wait).
    /// </summary>
    /// <param name="cycle">The summary loop's cycle now (the last event may be several idle cycles old), as a heartbeat would carry.</param>
    public Task ShutdownAsync(string reason, long cycle)
    {
        if (_registry.BeginShutdown(_encoder.Bye(_log.Current, cycle, reason)))
        {
            StreamLog.Shutdown(_logger, _registry.Count);
            _registry.RingAll();
        }

        return _registry.AllClosed;
    }

    public void Dispose()
    {
        _log.Appended -= _fanOut.OnAppended;
        _housekeeper.Dispose();
    }
}
