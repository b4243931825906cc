using G6.Summary.Snapshot;
using static G6.Summary.Panels.PanelFormat;

namespace G6.Summary.Panels;

/// <summary>Options analytics: put/call ratio and max pain per index.</summary>
public sealed class AnalyticsPanelProvider : IPanelProvider
{
    public const string Title = "Analytics";

    public string Key => PanelKeys.Analytics;

    public PanelContent Build(StatusSnapshot snapshot)
    {
        var analytics = snapshot.Analytics;
        List<string> lines = [$"PCR: {Ratio(analytics.Pcr)}"];
        if (analytics.MaxPain.IsDefaultOrEmpty)
        {
            lines.Add($"Max pain: {Unknown}");
        }
        else
        {
            lines.AddRange(analytics.MaxPain.Select(m => $"Max pain {m.Index}: {Price(m.Strike)}"));
        }

        return new PanelContent(Key, Title, [.. lines]);
    }
}
