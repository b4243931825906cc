using G6.Summary.Status;
using Microsoft.Extensions.Logging;

namespace G6.Summary.Bench.Simulation;

/// <summary>
/// Plays the platform for local runs: writes a <see cref="DemoCollector"/>'s status to a file every interval
/// (backs <c>g6-summary simulate</c>). During the collector's quiet spells nothing is written, as with a
/// real collector that stalls.
/// </summary>
public sealed partial class StatusSimulator(DemoCollector collector, TimeProvider timeProvider, ILogger<StatusSimulator> logger)
{
    /// <summary>
    /// Runs until <paramref name="maxCycles"/> collector cycles have run (null: until cancelled). The first
    /// cycle runs at once. A failed write is logged and retried next cycle.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public Task RunAsync(string outPath, TimeSpan interval, int? maxCycles, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outPath);
        return RunAsync(Path.GetFileName(outPath), async (bytes, token) =>
        {
            try
            {
                await StatusFileWriter.WriteAtomicallyAsync(outPath, bytes, token);
                return null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return ex.GetType().Name;
            }
        }, interval, maxCycles, ct);
    }

    /// <summary>
    /// The same loop with another destination (<c>simulate --push</c>): <paramref name="write"/> delivers one
    /// changed document and returns null, or a short reason it failed (logged; the next cycle tries again).
    /// </summary>
    public async Task RunAsync(string target, Func<byte[], CancellationToken, Task<string?>> write, TimeSpan interval, int? maxCycles, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        if (maxCycles is { } max)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(max, nameof(maxCycles));
        }

        var fileName = target;
        LogStarted(fileName, interval.TotalSeconds);
        using var timer = new PeriodicTimer(interval, timeProvider);
        byte[]? written = null;
        var cycles = 0;
        var writes = 0;
        while (cycles != maxCycles)
        {
            ct.ThrowIfCancellationRequested();
            var bytes = collector.NextStatusJson();
            cycles++;
            if (written is null || !bytes.AsSpan().SequenceEqual(written))
            {
                if (await write(bytes, ct) is { } failure)
                {
                    LogWriteFailed(fileName, failure);
                }
                else
                {
                    written = bytes;
                    writes++;
                }
            }

            // No wait after the last cycle: a bounded run ends as soon as its last write is done.
            if (cycles != maxCycles)
            {
                await timer.WaitForNextTickAsync(ct);
            }
        }

        LogFinished(fileName, cycles, writes);
    }
}
