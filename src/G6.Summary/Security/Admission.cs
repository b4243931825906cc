namespace G6.Summary.Security;

/// <summary>
/// The outcome of admission: admitted (with the credential that admitted it when a token is required, which a
/// stream keeps so that it ends when that token is removed), or the status, metric reason and one-line body to answer with.
/// </summary>
public readonly record struct Admission(bool Admitted, int Status, string Reason, string Message, int? RetryAfterSeconds, Credential? Credential = null)
{
    public static Admission Accept { get; } = new(true, 200, string.Empty, string.Empty, null);

    public static Admission AcceptWith(Credential? credential) => credential is null ? Accept : Accept with { Credential = credential };

    public static Admission Refuse(int status, string reason, string message, int? retryAfterSeconds = null) =>
        new(false, status, reason, message, retryAfterSeconds);
}
