using G6.Summary.Snapshot;
using static G6.Summary.Panels.PanelFormat;

namespace G6.Summary.Panels;

/// <summary>The platform's collection loop: cycle, timing and success rate.</summary>
public sealed class LoopPanelProvider : IPanelProvider
{
    public const string Title = "Loop";

    public string Key => PanelKeys.Loop;

    public PanelContent Build(StatusSnapshot snapshot)
    {
        var loop = snapshot.Loop;
        return new PanelContent(Key, Title,
        [
            $"Cycle: {Id(loop.Cycle)}",
            $"Last run: {Timestamp(loop.LastRun)}",
            $"Last duration: {Seconds(loop.LastDurationSec)}",
            $"Avg cycle: {Milliseconds(loop.AvgCycleMs)}",
            $"P95 cycle: {Milliseconds(loop.P95CycleMs)}",
            $"Success rate: {Percent(loop.SuccessRatePct)}",
            $"Target interval: {Seconds(loop.TargetIntervalSec)}",

            // The flat schema only says how long the loop slept, which is the same wait seen from the other side.
            $"Next run in: {Seconds(loop.NextRunInSec ?? loop.SleepSec)}",
        ]);
    }
}
