using G6.Summary.Snapshot;
using static G6.Summary.Panels.PanelFormat;

namespace G6.Summary.Panels;

/// <summary>CPU and memory of the platform process.</summary>
public sealed class ResourcesPanelProvider : IPanelProvider
{
    public const string Title = "Resources";

    public string Key => PanelKeys.Resources;

    public PanelContent Build(StatusSnapshot snapshot) => new(Key, Title,
    [
        $"CPU: {Percent(snapshot.Resources.CpuPct)}",
        $"Memory: {Megabytes(snapshot.Resources.MemoryMb)}",
    ]);
}
