using G6.Summary.Configuration;
using G6.Summary.Metrics;
using G6.Summary.Publishing;
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
    private readonly IEventLog _log;
    private readonly EventEncoder _encoder;
    private readonly ILogger<StreamHub> _logger;
    private readonly StreamRegistry _registry;
    private readonly StreamWriterLoop _loop;
    private readonly FanOut _fanOut;
    private readonly Housekeeper _housekeeper;

    public StreamHub(SummaryOptions options, IEventLog log, EventEncoder encoder, ISummaryMetrics metrics, TimeProvider timeProvider, ILogger<StreamHub> logger)
    {
        _log = log;
        _encoder = encoder;
        _logger = logger;
        _registry = new StreamRegistry(options.Security.MaxConnections);
        var catchUp = new CatchUp(options, log, encoder, metrics, timeProvider, new OverflowWarnings(timeProvider, logger));
        _loop = new StreamWriterLoop(_registry, catchUp, log, encoder, metrics, timeProvider, options.Streaming.EventsPerSec, logger);
        _fanOut = new FanOut(options, _registry, catchUp, metrics, logger);
        _housekeeper = new Housekeeper(options, _registry, metrics, timeProvider, logger);
        metrics.StreamCapConfigured(options.Security.MaxConnections);
        _log.Appended += _fanOut.OnAppended;
    }

    public int ActiveStreams => _registry.Count;

    /// <summary>Slots of <c>G6_SSE_MAX_CONNECTIONS</c> held by admitted streams (open or opening).</summary>
    public int ReservedSlots => _registry.ReservedSlots;

    /// <summary>Streams whose last write is waiting on a client that is not reading (computed on demand).</summary>
    public int BlockedStreams => _registry.Streams.Values.Count(s => s.PendingWriteSince != 0);

    public bool IsStopping => _registry.IsStopping;

    public bool TryReserveSlot() => _registry.TryReserveSlot();

    public void ReleaseSlot() => _registry.ReleaseSlot();

    /// <inheritdoc cref="StreamWriterLoop.RunAsync"/>
    public Task RunAsync(StreamConnection connection, ResumePoint? resume) => _loop.RunAsync(connection, resume);

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
