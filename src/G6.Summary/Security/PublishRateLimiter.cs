using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using G6.Summary.Configuration;

namespace G6.Summary.Security;

/// <summary>
/// <c>G6_PUBLISH_RATE</c>: at most N pushes per publisher (per publish token) in any W seconds, a sliding
/// window in six segments. One limiter per publish token (by its credential id), so one broken collector
/// cannot use up another's pushes; only verified publishers get one, so there are as many as tokens.
/// </summary>
public sealed class PublishRateLimiter(PublishOptions options) : IDisposable
{
    private const int Segments = 6;

    private readonly ConcurrentDictionary<string, SlidingWindowRateLimiter> _limiters = new(StringComparer.Ordinal);

    /// <summary>Takes one push from <paramref name="publisher"/>'s allowance; false (with a wait) when it is used up.</summary>
    public bool TryAcquire(Credential publisher, out TimeSpan retryAfter)
    {
        var limiter = _limiters.GetOrAdd(publisher.Id, _ => new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = options.Rate.Connections,
            Window = options.Rate.Window,
            SegmentsPerWindow = Segments,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
        using var lease = limiter.AttemptAcquire();
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.Zero;
        return lease.IsAcquired;
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }
}
