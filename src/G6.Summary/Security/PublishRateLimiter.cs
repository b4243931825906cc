using System.Threading.RateLimiting;
using G6.Summary.Configuration;

namespace G6.Summary.Security;

/// <summary>
/// <c>G6_PUBLISH_RATE</c>: at most N pushes per publisher (per publish token) in any W seconds, a sliding
/// window in six segments. One limiter per configured token, so one broken collector cannot use up
/// another's pushes; the list is fixed at start, so there is nothing to sweep.
/// </summary>
public sealed class PublishRateLimiter : IDisposable
{
    private const int Segments = 6;

    private readonly SlidingWindowRateLimiter[] _limiters;

    public PublishRateLimiter(PublishOptions options)
    {
        _limiters = [.. options.Tokens.Select(_ => new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = options.Rate.Connections,
            Window = options.Rate.Window,
            SegmentsPerWindow = Segments,
            QueueLimit = 0,
            AutoReplenishment = true,
        }))];
    }

    /// <summary>Takes one push from <paramref name="publisher"/>'s allowance; false (with a wait) when it is used up.</summary>
    public bool TryAcquire(int publisher, out TimeSpan retryAfter)
    {
        using var lease = _limiters[publisher].AttemptAcquire();
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.Zero;
        return lease.IsAcquired;
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters)
        {
            limiter.Dispose();
        }
    }
}
