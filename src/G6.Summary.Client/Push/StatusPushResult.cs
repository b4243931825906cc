namespace G6.Summary.Client;

/// <summary>
/// The server's answer to one status push. On <c>200</c> the log's position after it (<see cref="Epoch"/>,
/// <see cref="Seq"/>, <see cref="Digest"/>) and the panels it <see cref="Changed"/> (empty: nothing changed,
/// no event); otherwise the server's one-line <see cref="Reason"/>.
/// </summary>
public sealed record StatusPushResult(int StatusCode, string? Reason, string? Epoch, long? Seq, string? Digest, IReadOnlyList<string> Changed)
{
    /// <summary>The push is in the log (or changed nothing).</summary>
    public bool Succeeded => StatusCode == 200;

    /// <summary>True when the server answered from its idempotency cache (a retry of a push it already had).</summary>
    public bool Replayed { get; init; }

    /// <summary>How long the server asked to wait (429, 503), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Worth sending again, with the same idempotency key: the server was busy or the rate was used up.</summary>
    public bool IsTransient => StatusCode is 429 or 503;
}
