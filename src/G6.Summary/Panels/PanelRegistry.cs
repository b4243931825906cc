using G6.Summary.Snapshot;

namespace G6.Summary.Panels;

/// <summary>Runs every registered panel provider over a snapshot.</summary>
public sealed class PanelRegistry(IEnumerable<IPanelProvider> providers)
{
    private readonly IPanelProvider[] _providers = [.. providers];

    public PanelBuildResult BuildAll(StatusSnapshot snapshot)
    {
        var panels = new List<PanelContent>(_providers.Length);
        foreach (var provider in _providers)
        {
            panels.Add(provider.Build(snapshot));
        }

        return new PanelBuildResult(panels, []);
    }
}
