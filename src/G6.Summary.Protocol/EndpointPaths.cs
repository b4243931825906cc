namespace G6.Summary.Protocol;

/// <summary>The protocol's endpoint paths (PROTOCOL.md, "Endpoints" and "Additions (v1.1)").</summary>
public static class EndpointPaths
{
    public const string Events = "/summary/events";
    public const string Resync = "/summary/resync";
    public const string Health = "/summary/health";
    public const string Metrics = "/metrics";

    /// <summary>Exchanges a reader token for a session cookie (<c>POST</c>), reports it (<c>GET</c>), ends it (<c>DELETE</c>).</summary>
    public const string Session = "/summary/session";

    /// <summary>A collector pushes a whole status document (<c>POST</c>, publisher token as <c>Authorization: Bearer</c>).</summary>
    public const string Status = "/summary/status";
}
