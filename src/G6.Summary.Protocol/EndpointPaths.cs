namespace G6.Summary.Protocol;

/// <summary>The protocol's endpoint paths (PROTOCOL.md, "Endpoints" and "Additions (v1.1)").</summary>
public static class EndpointPaths
{
    public const string Events = "/summary/events";
    public const string Resync = "/summary/resync";
    public const string Health = "/summary/health";
    public const string Metrics = "/metrics";
}
