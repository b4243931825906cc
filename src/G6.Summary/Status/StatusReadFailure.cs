namespace G6.Summary.Status;

/// <summary>
/// Why a status read failed. <paramref name="Reason"/> is a stable metric label
/// (see <see cref="StatusReadFailureReasons"/>); <paramref name="Message"/> is one short line for operators
/// and clients, never exception text.
/// </summary>
public sealed record StatusReadFailure(string Reason, string Message);
