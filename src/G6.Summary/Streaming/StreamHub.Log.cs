using Microsoft.Extensions.Logging;

namespace G6.Summary.Streaming;

public sealed partial class StreamHub
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning,
        Message = "Stream {StreamId} fell {Dropped} events behind; backlog dropped, full snapshot sent ({Overflows} overflow(s) since the last warning)")]
    private partial void LogOverflow(long streamId, long dropped, long overflows);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning,
        Message = "Stream {StreamId} closed: a write did not complete within {TimeoutSec} s")]
    private partial void LogSlowDisconnect(long streamId, double timeoutSec);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Stream {StreamId} closed after an unexpected {ErrorType}")]
    private partial void LogStreamFailed(long streamId, string errorType);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Shutting down: sending bye to {Streams} open stream(s)")]
    private partial void LogShutdown(int streams);
}
