namespace G6.Summary.Publishing.Payloads;

/// <summary>
/// Health's <c>transport</c>: whether plain streams take the direct socket path, why not (<c>tls</c>,
/// <c>setting</c>, <c>unsupported</c>, <c>streams off</c>; null when direct), and whether the service speaks TLS itself.
/// </summary>
public sealed record TransportPayload(bool Direct, string? Reason, bool Tls);
