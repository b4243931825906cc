using System.Collections.Concurrent;
using System.Net;

namespace G6.Summary.Security;

/// <summary>
/// A sliding-window log per peer: the time of each admitted request in the last window. It counts
/// openings, not open connections, so closing and reopening cannot reset it, and an old opening
/// stops counting exactly one window after it happened.
/// </summary>
public sealed class ConnectionRateLimiter : IDisposable
{
    // Bounds memory under a flood from many addresses; past it, unknown peers are refused until a sweep frees room.
    public const int MaxTrackedPeers = 100_000;

    private readonly ConcurrentDictionary<IPAddress, Queue<long>> _peers = new();
    private readonly ConnectRate? _rate;
    private readonly TimeProvider _timeProvider;
    private readonly ITimer? _sweeper;

    public ConnectionRateLimiter(ConnectRate? rate, TimeProvider timeProvider)
    {
        _rate = rate;
        _timeProvider = timeProvider;

        // Peers that went quiet are forgotten once per window, so memory follows the active peers only.
        _sweeper = rate is null ? null : timeProvider.CreateTimer(_ => Sweep(), null, rate.Window, rate.Window);
    }

    public int TrackedPeers => _peers.Count;

    public void Dispose() => _sweeper?.Dispose();

    public bool IsEnabled => _rate is not null;

    /// <summary>Records an opening for <paramref name="peer"/> if it is within the rate.</summary>
    public bool TryAcquire(IPAddress peer, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (_rate is null)
        {
            return true;
        }

        if (!_peers.TryGetValue(peer, out var log))
        {
            if (_peers.Count >= MaxTrackedPeers)
            {
                Sweep();
                if (_peers.Count >= MaxTrackedPeers)
                {
                    retryAfter = _rate.Window;
                    return false;
                }
            }

            log = _peers.GetOrAdd(peer, _ => new Queue<long>());
        }

        var now = _timeProvider.GetTimestamp();
        lock (log)
        {
            Expire(log, now);
            if (log.Count >= _rate.Connections)
            {
                retryAfter = _rate.Window - _timeProvider.GetElapsedTime(log.Peek(), now);
                return false;
            }

            log.Enqueue(now);
            return true;
        }
    }

    /// <summary>Forgets peers with no opening in the last window.</summary>
    public void Sweep()
    {
        if (_rate is null)
        {
            return;
        }

        var now = _timeProvider.GetTimestamp();
        foreach (var (peer, log) in _peers)
        {
            lock (log)
            {
                Expire(log, now);
                if (log.Count == 0)
                {
                    _peers.TryRemove(KeyValuePair.Create(peer, log));
                }
            }
        }
    }

    private void Expire(Queue<long> log, long now)
    {
        while (log.Count > 0 && _timeProvider.GetElapsedTime(log.Peek(), now) >= _rate!.Window)
        {
            log.Dequeue();
        }
    }
}
