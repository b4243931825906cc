namespace G6.Summary.Backplane;

/// <summary>What a node does after reading the shared log's head and the entries after its own.</summary>
public enum FollowStep
{
    /// <summary>Nothing new.</summary>
    UpToDate,

    /// <summary>The entries continue this node's window: apply them in order.</summary>
    Apply,

    /// <summary>Another epoch, or the entries after this node's head were trimmed away: rebuild the window from the log's tail.</summary>
    Rebuild,

    /// <summary>The log has no epoch (first start, or Redis lost its data): start one.</summary>
    Start,

    /// <summary>The log's head is behind what this node applied, in the same epoch: Redis lost acknowledged events, so a new epoch must begin.</summary>
    Restart,
}
