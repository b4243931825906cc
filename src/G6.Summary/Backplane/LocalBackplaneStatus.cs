namespace G6.Summary.Backplane;

/// <summary>The in-memory log: always ok, never behind.</summary>
public sealed class LocalBackplaneStatus(string nodeId) : IBackplaneStatus
{
    public BackplaneStatus Status { get; } = new("memory", BackplaneStatus.Ok, nodeId, 0);
}
