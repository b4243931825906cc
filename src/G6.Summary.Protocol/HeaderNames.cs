namespace G6.Summary.Protocol;

/// <summary>The HTTP headers the protocol gives a meaning to, spelled once for server and clients.</summary>
public static class HeaderNames
{
    /// <summary>The reader's token on <c>/summary/events</c> and <c>/summary/resync</c> (also accepted on <c>/metrics</c>).</summary>
    public const string ApiToken = "X-API-Token";

    /// <summary>Where a reconnecting client resumes: <c>&lt;epoch&gt;-&lt;seq&gt;</c>.</summary>
    public const string LastEventId = "Last-Event-ID";

    /// <summary>Echoed when it is <c>[A-Za-z0-9_-]{1,64}</c>, replaced otherwise.</summary>
    public const string RequestId = "X-Request-ID";

    /// <summary>Tells nginx (and proxies that follow it) not to buffer the stream.</summary>
    public const string AccelBuffering = "X-Accel-Buffering";

    /// <summary>On a push: a retry with the same key gets the first answer again and publishes nothing more.</summary>
    public const string IdempotencyKey = "Idempotency-Key";

    /// <summary>Set to <c>true</c> on a push answer that repeats the answer first given for its <see cref="IdempotencyKey"/>.</summary>
    public const string IdempotentReplayed = "Idempotent-Replayed";
}
