namespace G6.Summary.Client;

/// <summary>What <see cref="SummaryState.Apply"/> did with one event.</summary>
public enum ApplyOutcome
{
    /// <summary>The event was applied (it may have changed no panel, e.g. a heartbeat that matched).</summary>
    Applied,

    /// <summary>The event was already applied or is older than the state (a replay overlapping a resync); nothing changed.</summary>
    Ignored,

    /// <summary>The state cannot be trusted: fetch <c>/summary/resync</c> (see <see cref="ApplyResult.Reason"/>).</summary>
    ResyncNeeded,

    /// <summary><c>bye</c>: the server is restarting; reconnect after its retry delay.</summary>
    PlannedRestart,
}
