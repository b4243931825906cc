namespace G6.Summary.Streaming;

/// <summary>
/// A per-stream token bucket: <c>rate</c> tokens a second, holding at most twice that (PROTOCOL.md).
/// Not thread-safe: each stream's single writer loop owns its bucket.
/// </summary>
internal sealed class TokenBucket(double ratePerSecond, TimeProvider timeProvider)
{
    private readonly double _capacity = Math.Max(1, ratePerSecond * 2);
    private double _tokens = Math.Max(1, ratePerSecond * 2);
    private long _refilledAt = timeProvider.GetTimestamp();

    public bool TryTake()
    {
        Refill();
        if (_tokens < 1)
        {
            return false;
        }

        _tokens -= 1;
        return true;
    }

    /// <summary>How long until one token is available.</summary>
    public TimeSpan TimeUntilNextToken()
    {
        Refill();
        return _tokens >= 1 ? TimeSpan.Zero : TimeSpan.FromSeconds((1 - _tokens) / ratePerSecond);
    }

    private void Refill()
    {
        var now = timeProvider.GetTimestamp();
        var elapsed = timeProvider.GetElapsedTime(_refilledAt, now).TotalSeconds;
        _refilledAt = now;
        _tokens = Math.Min(_capacity, _tokens + (elapsed * ratePerSecond));
    }
}
