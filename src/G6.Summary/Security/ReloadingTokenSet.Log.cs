using Microsoft.Extensions.Logging;

namespace G6.Summary.Security;

public sealed partial class ReloadingTokenSet
{
    [LoggerMessage(EventId = 4110, Level = LogLevel.Information, Message = "{Setting}: token file reloaded, {Count} tokens ({Added} added, {Removed} removed)")]
    private partial void LogReloaded(string setting, int count, int added, int removed);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Warning, Message = "{Setting}: {Problem}; keeping the last good set of {Count} tokens until it is fixed")]
    private partial void LogKeptLastGood(string setting, string problem, int count);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Information, Message = "{Setting}: the token file is readable again")]
    private partial void LogReadable(string setting);

    [LoggerMessage(EventId = 4113, Level = LogLevel.Warning, Message = "{Setting}: cannot watch the token file; changes are seen by the check every {Seconds} s")]
    private partial void LogNotWatched(string setting, double seconds);
}
