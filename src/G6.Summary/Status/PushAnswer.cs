namespace G6.Summary.Status;

/// <summary>
/// A finished answer to a status push: status code and body (JSON for 200, one plain-text line
/// otherwise). Kept whole so a retry with the same <c>Idempotency-Key</c> gets exactly the same bytes.
/// </summary>
public sealed record PushAnswer(int Status, byte[] Body, bool IsJson, string Result)
{
    public static PushAnswer Line(int status, string line, string result) =>
        new(status, System.Text.Encoding.UTF8.GetBytes(line + "\n"), false, result);
}
