namespace G6.Summary.Client;

/// <summary>The result of applying one event to a <see cref="SummaryState"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Reason">Why a resync is needed; <see cref="ResyncReason.None"/> otherwise.</param>
/// <param name="ChangedKeys">Keys of panels whose content changed (added, replaced with different content, or removed).</param>
/// <param name="Detail">Short human-readable detail for logs and status lines, e.g. "expected seq 43, got 45".</param>
public readonly record struct ApplyResult(ApplyOutcome Outcome, ResyncReason Reason, IReadOnlyList<string> ChangedKeys, string? Detail)
{
    /// <summary>Applied, changing the given panels.</summary>
    public static ApplyResult Applied(IReadOnlyList<string> changedKeys) => new(ApplyOutcome.Applied, ResyncReason.None, changedKeys, null);

    /// <summary>Nothing to do.</summary>
    public static ApplyResult Ignored(string detail) => new(ApplyOutcome.Ignored, ResyncReason.None, [], detail);

    /// <summary>The state needs a resync.</summary>
    public static ApplyResult Resync(ResyncReason reason, string detail) => new(ApplyOutcome.ResyncNeeded, reason, [], detail);

    /// <summary>The server announced a restart.</summary>
    public static ApplyResult Restart(string reason) => new(ApplyOutcome.PlannedRestart, ResyncReason.None, [], reason);
}
