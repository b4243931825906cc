using Microsoft.Extensions.Logging;

namespace G6.Summary.Bench.Simulation;

public sealed partial class StatusSimulator
{
    [LoggerMessage(EventId = 2201, Level = LogLevel.Information,
        Message = "Simulating the platform: writing {FileName} every {IntervalSec} s")]
    private partial void LogStarted(string fileName, double intervalSec);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning,
        Message = "Could not write simulated status {FileName} ({FailureType}); retrying next cycle")]
    private partial void LogWriteFailed(string fileName, string failureType);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Information,
        Message = "Simulation of {FileName} finished after {Cycles} cycles, {Writes} writes")]
    private partial void LogFinished(string fileName, int cycles, int writes);
}
