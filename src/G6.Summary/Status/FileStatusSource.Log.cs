using Microsoft.Extensions.Logging;

namespace G6.Summary.Status;

public sealed partial class FileStatusSource
{
    // Logged when the failure reason changes, not on every failing cycle.
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning,
        Message = "Status file {FileName} unreadable ({Reason}): {Detail}")]
    private partial void LogReadFailed(string fileName, string reason, string detail);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Status file {FileName} readable again")]
    private partial void LogReadRecovered(string fileName);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning,
        Message = "Cannot watch the directory of status file {FileName} ({FailureType}); polling only")]
    private partial void LogWatcherUnavailable(string fileName, string failureType);
}
