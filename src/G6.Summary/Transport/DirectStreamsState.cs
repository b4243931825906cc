using G6.Summary.Configuration;
using Microsoft.Extensions.Logging;

namespace G6.Summary.Transport;

/// <summary>
/// Whether plain event streams take the direct path (<see cref="DirectStreamListener"/>) or Kestrel's
/// HTTP layer, and why not when they do not. Health shows it; the turn off is logged once, loudly, because
/// it costs memory per idle stream (docs/STREAMING.md, Performance) that an operator did not choose.
/// </summary>
public sealed partial class DirectStreamsState
{
    private readonly string? _offReason;

    /// <param name="offReason">Why the direct path is off (<see cref="OffReasonFor"/>); null when it is on.</param>
    public DirectStreamsState(string? offReason, bool loud, ILogger<DirectStreamsState> logger)
    {
        _offReason = offReason;
        if (offReason is not null && loud)
        {
            LogOff(logger, offReason);
        }
    }

    public bool On => _offReason is null;

    /// <summary>Why streams go through Kestrel's HTTP layer; null while the direct path is on.</summary>
    public string? OffReason => _offReason;

    /// <summary>Why plain event streams cannot take the direct path with these options on this framework; null when they can.</summary>
    public static (string? Reason, bool Loud) OffReasonFor(SummaryOptions options)
    {
        if (!options.Streaming.Enabled)
        {
            // No stream is served at all; nothing to warn about.
            return ($"the stream endpoint is off ({SettingNames.SseHttp}=0)", false);
        }

        if (!options.Transport.DirectStreams)
        {
            return ($"{SettingNames.DirectStreams}=0", true);
        }

        if (options.Tls.Enabled)
        {
            // The direct path reads a plain request head off the socket; under TLS the socket carries a handshake.
            return ($"tls ({SettingNames.TlsCert} is set: every stream is served by Kestrel, HTTP/1.1 or HTTP/2)", true);
        }

        if (!KestrelConnectionOptions.IsSupported)
        {
            return ("this framework version does not let the direct path share Kestrel's memory pool", true);
        }

        return (null, false);
    }

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Direct stream path off: {Reason}; streams are served by Kestrel's HTTP layer, which costs about four times the memory per idle stream (see docs/STREAMING.md, Performance)")]
    private static partial void LogOff(ILogger logger, string reason);
}
