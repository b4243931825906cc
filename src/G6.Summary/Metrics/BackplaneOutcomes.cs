namespace G6.Summary.Metrics;

/// <summary>How an append to the shared log ended: the <c>outcome</c> label of <c>g6_backplane_appends_total</c>.</summary>
public static class BackplaneOutcomes
{
    /// <summary>The event is in the log.</summary>
    public const string Appended = "appended";

    /// <summary>Another node appended first; this node builds on the new head next cycle.</summary>
    public const string Moved = "moved";

    /// <summary>The event was built from an older status than the log's head holds (refused: never backwards).</summary>
    public const string Older = "older";

    /// <summary>The log is in another epoch than this node.</summary>
    public const string Epoch = "epoch";

    /// <summary>The log had no epoch (Redis lost its data).</summary>
    public const string Lost = "lost";

    /// <summary>Redis did not answer.</summary>
    public const string Failed = "failed";

    public static IReadOnlyList<string> All { get; } = [Appended, Moved, Older, Epoch, Lost, Failed];
}
