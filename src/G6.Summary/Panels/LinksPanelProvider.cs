using G6.Summary.Snapshot;
using static G6.Summary.Panels.PanelFormat;

namespace G6.Summary.Panels;

/// <summary>Links the platform advertises (metrics, dashboards).</summary>
public sealed class LinksPanelProvider : IPanelProvider
{
    public const string Title = "Links";

    public string Key => PanelKeys.Links;

    public PanelContent Build(StatusSnapshot snapshot)
    {
        if (snapshot.Links.IsDefaultOrEmpty)
        {
            return new PanelContent(Key, Title, ["no links"]);
        }

        return new PanelContent(Key, Title, [.. snapshot.Links.Select(l => $"{l.Name}: {Text(l.Url)}")]);
    }
}
