namespace G6.Summary.Bench.Harness;

/// <summary>How the harness reads its streams (<c>bench --reader</c>).</summary>
public enum BenchReader
{
    /// <summary>Non-blocking sockets and epoll through libc, one loop thread per CPU (<see cref="EpollReaders"/>); Linux only.</summary>
    Epoll,

    /// <summary>.NET sockets, one async read loop per stream (<see cref="EventStreamReader"/>); any OS.</summary>
    Sockets,
}
