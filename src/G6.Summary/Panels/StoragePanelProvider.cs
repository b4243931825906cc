using G6.Summary.Snapshot;
using static G6.Summary.Panels.PanelFormat;

namespace G6.Summary.Panels;

/// <summary>Each output sink and when it last wrote.</summary>
public sealed class StoragePanelProvider : IPanelProvider
{
    public const string Title = "Storage";

    public string Key => PanelKeys.Storage;

    public PanelContent Build(StatusSnapshot snapshot)
    {
        if (snapshot.Sinks.IsDefaultOrEmpty)
        {
            return new PanelContent(Key, Title, ["no sinks reported"]);
        }

        return new PanelContent(Key, Title, [.. snapshot.Sinks.Select(s => $"{s.Name}: last write {Timestamp(s.LastWrite)}")]);
    }
}
