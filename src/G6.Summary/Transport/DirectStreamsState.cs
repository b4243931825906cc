using G6.Summary.Configuration;
using Microsoft.Extensions.Logging;

namespace G6.Summary.Transport;

/// <summary>
/// Whether plain event streams take the direct path (<see cref="StreamConnectionRouter"/>) or Kestrel's
/// HTTP layer, and why not when they do not. Health shows it; the turn off is logged once, loudly, because
/// it costs memory per idle stream (docs/STREAMING.md, Performance) that an operator did not choose.
/// </summary>
public sealed partial class DirectStreamsState
{
    private readonly ILogger<DirectStreamsState> _logger;
    private string? _offReason;

    public DirectStreamsState(SummaryOptions options, ILogger<DirectStreamsState> logger)
    {
        _logger = logger;
        if (!options.Streaming.Enabled)
        {
            // No stream is served at all; nothing to warn about.
            _offReason = $"the stream endpoint is off ({SettingNames.SseHttp}=0)";
        }
        else if (!options.Transport.DirectStreams)
        {
            TurnOff($"{SettingNames.DirectStreams}=0");
        }
    }

    public bool On => Volatile.Read(ref _offReason) is null;

    /// <summary>Why streams go through Kestrel's HTTP layer; null while the direct path is on.</summary>
    public string? OffReason => Volatile.Read(ref _offReason);

    /// <summary>Records that streams go through Kestrel from now on; logs the first reason only.</summary>
    public void TurnOff(string reason)
    {
        if (Interlocked.CompareExchange(ref _offReason, reason, null) is null)
        {
            LogOff(reason);
        }
    }

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Direct stream path off: {Reason}; streams are served by Kestrel's HTTP layer, which costs more memory per idle stream (see docs/STREAMING.md, Performance)")]
    private partial void LogOff(string reason);
}
