using Microsoft.Extensions.Logging;

namespace G6.Summary.Streaming;

/// <summary>The streams' log lines (event ids 3xxx), shared by the parts of the hub under the hub's category.</summary>
internal static partial class StreamLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning,
        Message = "Stream {StreamId} fell {Dropped} events behind; backlog dropped, full snapshot sent ({Overflows} overflow(s) since the last warning)")]
    public static partial void Overflow(ILogger logger, long streamId, long dropped, long overflows);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning,
        Message = "Stream {StreamId} closed: a write did not complete within {TimeoutSec} s")]
    public static partial void SlowDisconnect(ILogger logger, long streamId, double timeoutSec);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Stream {StreamId} closed after an unexpected {ErrorType}")]
    public static partial void StreamFailed(ILogger logger, long streamId, string errorType);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Shutting down: sending bye to {Streams} open stream(s)")]
    public static partial void Shutdown(ILogger logger, int streams);
}
