namespace G6.Summary.Client;

/// <summary>
/// Exponential backoff with "equal jitter": attempt n waits between half and all of min(max, base × 2ⁿ).
/// The fixed half keeps a client from retrying at once; the random half spreads a crowd of clients that
/// lost the same server at the same moment.
/// </summary>
internal sealed class ReconnectBackoff(TimeSpan initialBase, TimeSpan max, Func<double> random)
{
    private int _attempt;

    /// <summary>The delay of the first attempt; the server's <c>retry:</c> replaces the initial value.</summary>
    public TimeSpan Base { get; set; } = initialBase;

    public TimeSpan Max => max;

    /// <summary>The delay before the next attempt; each call doubles the one after.</summary>
    public TimeSpan Next()
    {
        var raw = Ceiling(_attempt);
        _attempt = Math.Min(_attempt + 1, 30);
        return Jitter(raw);
    }

    /// <summary>A connection worked: the next failure starts from the base again.</summary>
    public void Reset() => _attempt = 0;

    /// <summary>Between half and all of <paramref name="delay"/>.</summary>
    public TimeSpan Jitter(TimeSpan delay) => delay * (0.5 + (0.5 * random()));

    /// <summary>The un-jittered delay of attempt <paramref name="attempt"/>.</summary>
    public TimeSpan Ceiling(int attempt)
    {
        var baseDelay = Base < max ? Base : max;
        var scaled = baseDelay.TotalMilliseconds * Math.Pow(2, attempt);
        return scaled >= max.TotalMilliseconds ? max : TimeSpan.FromMilliseconds(scaled);
    }
}
