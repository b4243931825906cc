namespace G6.Summary.Backplane;

/// <summary>
/// The follower's decision, pure: given where this node's window ends and what the shared log says,
/// which <see cref="FollowStep"/> keeps the window an exact prefix of the log (no gap, no duplicate,
/// nothing of another epoch).
/// </summary>
public static class FollowCursor
{
    /// <param name="localEpoch">This node's epoch (the placeholder before it joined the log).</param>
    /// <param name="localSeq">The newest seq this node applied.</param>
    /// <param name="logEpoch">The log's epoch; null when the log has none.</param>
    /// <param name="logHead">The log's newest seq.</param>
    /// <param name="firstSeq">The seq of the first entry read after <paramref name="localSeq"/>; null when none came back.</param>
    public static FollowStep Decide(string localEpoch, long localSeq, string? logEpoch, long logHead, long? firstSeq)
    {
        if (logEpoch is null)
        {
            return FollowStep.Start;
        }

        if (!string.Equals(localEpoch, logEpoch, StringComparison.Ordinal))
        {
            return FollowStep.Rebuild;
        }

        if (logHead < localSeq)
        {
            return FollowStep.Restart;
        }

        if (logHead == localSeq)
        {
            return FollowStep.UpToDate;
        }

        // Entries after ours exist; they must start right after our head, else the log was trimmed past us.
        return firstSeq == localSeq + 1 ? FollowStep.Apply : FollowStep.Rebuild;
    }
}
