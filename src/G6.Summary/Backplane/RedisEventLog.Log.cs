using Microsoft.Extensions.Logging;

namespace G6.Summary.Backplane;

public sealed partial class RedisEventLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Backplane degraded: Redis at {Address} failed on {Operation} ({Error}). Check that Redis is running and reachable from this node (G6_REDIS, password, TLS, firewall). Open streams stay open; no events are appended or sent until it answers")]
    private partial void LogDegraded(string address, string operation, string error);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Backplane ok again: Redis at {Address} answers; following epoch {Epoch} from seq {Seq}")]
    private partial void LogRecovered(string address, string epoch, long seq);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Joined the shared log: epoch {Epoch} at seq {Seq} ({Events} events in the window), node {NodeId}")]
    private partial void LogJoined(string epoch, long seq, int events, string nodeId);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Started epoch {Epoch} of the shared log: {Why}. Clients get a full snapshot")]
    private partial void LogEpochStarted(string epoch, string why);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "The shared log went back: epoch {Epoch} is at seq {LogSeq} in Redis but this node applied up to {Seq} (Redis restarted without those events; see Persistence in docs/STREAMING.md)")]
    private partial void LogLogWentBack(string epoch, long seq, long logSeq);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Redis at {Address} did not answer within {Seconds} s of start; serving without the shared log until it does (health: degraded)")]
    private partial void LogJoinLate(string address, double seconds);
}
