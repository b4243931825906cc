using System.Diagnostics;

namespace G6.Summary.Bench.Harness;

/// <summary>
/// The harness's stream reader on Linux: one <see cref="EpollLoop"/> thread per CPU, each serving its
/// share of the streams with non-blocking sockets and epoll, straight through libc.
/// </summary>
/// <remarks>
/// Hand-written because the harness has to stay cheap next to the server it measures. Through .NET's
/// sockets (<see cref="EventStreamReader"/>, inline completions) a received event cost 8.1 µs of harness
/// CPU at 10,000 streams: the runtime's epoll thread dispatching each ready socket, an async step per
/// read, and an extra empty read after every event. Here a ready socket costs one read and the parse;
/// docs/STREAMING.md (Performance) has the figures before and after. Elsewhere than Linux the harness
/// uses <see cref="EventStreamReader"/>.
/// </remarks>
public sealed class EpollReaders : IDisposable
{
    private readonly EventStreamTarget _target;
    private readonly EpollLoop[] _loops;
    private readonly EpollStream?[] _streams;

    public EpollReaders(EventStreamTarget target, int streams, int threads)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        _target = target;
        _streams = new EpollStream?[streams];
        _loops = new EpollLoop[threads];
        for (var i = 0; i < threads; i++)
        {
            _loops[i] = new EpollLoop(_streams, target.Request, i);
        }
    }

    /// <summary>Starts stream <paramref name="index"/>'s connect and hands it to its loop; never throws for network failures.</summary>
    public void Start(int index, StreamRecorder recorder, SseEventParser.EventHandler onEvent)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        var fd = LinuxSockets.OpenTcp(_target.EndPoint.AddressFamily);
        if (fd < 0)
        {
            recorder.MarkFailed(EpollStream.CauseOf(LinuxSockets.LastError));
            return;
        }

        var error = LinuxSockets.StartConnect(fd, _target.EndPoint);
        if (error != 0)
        {
            _ = LinuxSockets.Close(fd);
            recorder.MarkFailed(EpollStream.CauseOf(error));
            return;
        }

        var deadline = Stopwatch.GetTimestamp() + (long)(_target.ConnectTimeout.TotalSeconds * Stopwatch.Frequency);
        var stream = new EpollStream(fd, recorder, onEvent, deadline);
        if (!_loops[index % _loops.Length].Add(index, stream))
        {
            stream.Fail(EpollStream.CauseOf(LinuxSockets.LastError));
        }
    }

    /// <summary>Stops every loop (again is harmless); streams still opening count as not connected by the end.</summary>
    public void Stop()
    {
        foreach (var loop in _loops)
        {
            loop.Stop();
        }
    }

    public void Dispose()
    {
        Stop();
        foreach (var loop in _loops)
        {
            loop.Dispose();
        }
    }
}
