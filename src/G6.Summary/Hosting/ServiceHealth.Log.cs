using Microsoft.Extensions.Logging;

namespace G6.Summary.Hosting;

public sealed partial class ServiceHealth
{
    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Health is stale: no changed status {Age} (G6_SUMMARY_STALE_SEC={StaleSec}); check that the collector is writing")]
    private partial void LogTurnedStale(string age, double staleSec);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "Health is fresh again: a changed status arrived")]
    private partial void LogFreshAgain();
}
