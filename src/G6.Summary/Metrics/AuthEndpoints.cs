namespace G6.Summary.Metrics;

/// <summary>Stable labels for <c>g6_sse_http_auth_fail_total{endpoint}</c>: where a token was refused.</summary>
public static class AuthEndpoints
{
    public const string Events = "events";
    public const string Resync = "resync";
    public const string Metrics = "metrics";
    public const string Session = "session";

    /// <summary>A status push without a publish token (a reader's token included).</summary>
    public const string Status = "status";

    public static readonly IReadOnlyList<string> All = [Events, Resync, Metrics, Session, Status];
}
