using G6.Summary.Snapshot;
using static G6.Summary.Panels.PanelFormat;

namespace G6.Summary.Panels;

/// <summary>Throughput: options collected, API success, provider latency, cycle duration.</summary>
public sealed class PerformancePanelProvider : IPanelProvider
{
    public const string Title = "Performance";

    public string Key => PanelKeys.Performance;

    public PanelContent Build(StatusSnapshot snapshot)
    {
        var performance = snapshot.Performance;
        return new PanelContent(Key, Title,
        [
            $"Options last cycle: {Count(performance.OptionsLastCycle)}",
            $"Options per minute: {Rate(performance.OptionsPerMinute)}",
            $"API success rate: {Percent(performance.ApiSuccessRatePct)}",
            $"Provider latency: {Milliseconds(snapshot.Provider.LatencyMs)}",
            $"Cycle duration: {Seconds(snapshot.Loop.LastDurationSec)}",
        ]);
    }
}
