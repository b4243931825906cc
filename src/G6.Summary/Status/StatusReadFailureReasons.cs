namespace G6.Summary.Status;

/// <summary>Stable labels for <c>g6_summary_status_read_errors_total{reason}</c>.</summary>
public static class StatusReadFailureReasons
{
    public const string Missing = "missing";
    public const string Empty = "empty";
    public const string TooLarge = "too_large";
    public const string InvalidJson = "invalid_json";
    public const string NotAnObject = "not_object";
    public const string IoError = "io_error";
}
