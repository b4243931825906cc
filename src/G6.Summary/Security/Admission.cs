namespace G6.Summary.Security;

/// <summary>The outcome of admission: admitted, or the status, metric reason and one-line body to answer with.</summary>
public readonly record struct Admission(bool Admitted, int Status, string Reason, string Message, int? RetryAfterSeconds)
{
    public static Admission Accept { get; } = new(true, 200, string.Empty, string.Empty, null);

    public static Admission Refuse(int status, string reason, string message, int? retryAfterSeconds = null) =>
        new(false, status, reason, message, retryAfterSeconds);
}
