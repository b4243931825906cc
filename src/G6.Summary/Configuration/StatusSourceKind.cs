namespace G6.Summary.Configuration;

/// <summary>Where a node's status comes from (<c>G6_SUMMARY_SOURCE</c>).</summary>
public enum StatusSourceKind
{
    /// <summary>The platform's status file (<c>G6_SUMMARY_STATUS_FILE</c>).</summary>
    File,

    /// <summary>The built-in demo market: the default when no status file is given.</summary>
    Demo,

    /// <summary>
    /// No status of its own: the node serves what its event log holds (an edge node of a shared log).
    /// No summary cycle runs, so it publishes nothing, not even heartbeats.
    /// </summary>
    None,

    /// <summary>
    /// Collectors push the status (<c>POST /summary/status</c>, with <c>G6_PUBLISH_TOKEN</c>); each push is
    /// published on arrival, and the timed cycles keep heartbeats and health going.
    /// </summary>
    Push,
}
