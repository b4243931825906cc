namespace G6.Summary.Publishing.Payloads;

/// <summary>
/// The body of <c>GET</c> and <c>POST /summary/session</c>: whether the server wants a token at all, whether the
/// request carried a valid session, and when that session ends (Unix milliseconds, like every <c>ts</c>).
/// </summary>
public sealed record SessionPayload(bool Required, bool Active, long? Expires);
