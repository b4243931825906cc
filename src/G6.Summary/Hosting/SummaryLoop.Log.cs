using Microsoft.Extensions.Logging;

namespace G6.Summary.Hosting;

public sealed partial class SummaryLoop
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Status unreadable ({Reason}): {Detail}; keeping the last good state")]
    private partial void LogReadFailing(string reason, string detail);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Status readable again")]
    private partial void LogReadRecovered();

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "Status source failed unexpectedly ({ErrorType}); keeping the last good state")]
    private partial void LogSourceThrew(string errorType);
}
