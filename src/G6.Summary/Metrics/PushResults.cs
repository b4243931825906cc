namespace G6.Summary.Metrics;

/// <summary>Stable labels for <c>g6_summary_pushes_total{result}</c>: how each <c>POST /summary/status</c> ended.</summary>
public static class PushResults
{
    /// <summary>Published: the push changed panels and its event is in the log.</summary>
    public const string Published = "published";

    /// <summary>Accepted, changed no panel, so no event.</summary>
    public const string Unchanged = "unchanged";

    /// <summary>A retry with a known <c>Idempotency-Key</c>: the first answer again.</summary>
    public const string Replayed = "replayed";

    public const string Invalid = "invalid";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string RateLimited = "rate_limited";
    public const string LengthRequired = "length_required";
    public const string TooLarge = "too_large";
    public const string UnsupportedType = "unsupported_type";

    /// <summary>An <c>Idempotency-Key</c> reused with a different document (422).</summary>
    public const string KeyReused = "key_reused";

    /// <summary>The log's head kept moving (other writers); answered 503 for the collector to retry.</summary>
    public const string Busy = "busy";

    public static IReadOnlyList<string> All { get; } =
        [Published, Unchanged, Replayed, Invalid, Unauthorized, Forbidden, RateLimited, LengthRequired, TooLarge, UnsupportedType, KeyReused, Busy];
}
