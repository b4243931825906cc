using G6.Summary.Snapshot;

namespace G6.Summary.Panels;

/// <summary>Builds one panel from a status snapshot. Must be a pure function of the snapshot.</summary>
public interface IPanelProvider
{
    /// <summary>Stable panel key, <c>[a-z_]+</c>, e.g. "indices".</summary>
    string Key { get; }

    /// <summary>Title and lines for this snapshot. May throw; the registry turns that into an error panel.</summary>
    PanelContent Build(StatusSnapshot snapshot);
}
