using G6.Summary.Configuration;
using Microsoft.Extensions.Logging;

namespace G6.Summary.Transport;

/// <summary>
/// Which path streams take, decided once at start and shown in health (<c>transport</c>): the direct socket
/// path (plain <c>GET /summary/events</c> served outside Kestrel's HTTP pipeline) or Kestrel's, and why not direct.
/// </summary>
public sealed partial class TransportStatus
{
    /// <summary>Under TLS the bytes on the socket are a handshake, not a request head the direct path could read.</summary>
    public const string ReasonTls = "tls";

    /// <summary><c>G6_SSE_DIRECT_STREAMS=0</c>.</summary>
    public const string ReasonSetting = "setting";

    /// <summary>This framework version does not let the direct path share Kestrel's memory pool.</summary>
    public const string ReasonUnsupported = "unsupported";

    /// <summary><c>G6_SSE_HTTP=0</c>: there are no streams to serve.</summary>
    public const string ReasonStreamsOff = "streams off";

    private TransportStatus(bool direct, string? reason, bool tls)
    {
        Direct = direct;
        Reason = reason;
        Tls = tls;
    }

    public bool Direct { get; }

    /// <summary>Why streams go through Kestrel (null when direct).</summary>
    public string? Reason { get; }

    /// <summary>HTTPS with the service's own certificate (HTTP/2 by ALPN beside HTTP/1.1).</summary>
    public bool Tls { get; }

    public static TransportStatus For(SummaryOptions options, bool directSupported)
    {
        ArgumentNullException.ThrowIfNull(options);
        var reason = !options.Streaming.Enabled ? ReasonStreamsOff
            : !options.Transport.DirectStreams ? ReasonSetting
            : options.Tls.Enabled ? ReasonTls
            : !directSupported ? ReasonUnsupported
            : null;
        return new TransportStatus(reason is null, reason, options.Tls.Enabled);
    }

    /// <summary>Says once, at start, when streams cannot take the direct path for a reason the operator did not ask for.</summary>
    public void LogOnce(ILogger logger)
    {
        if (Reason is ReasonTls or ReasonUnsupported)
        {
            LogKestrelOnly(logger, Reason);
        }
    }

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Direct stream transport off ({Reason}): every stream is served by Kestrel's HTTP pipeline (HTTP/1.1, or HTTP/2 under TLS); see docs/STREAMING.md, TLS")]
    private static partial void LogKestrelOnly(ILogger logger, string reason);
}
