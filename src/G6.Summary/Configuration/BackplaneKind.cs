namespace G6.Summary.Configuration;

/// <summary>Where the event log lives (<c>G6_BACKPLANE</c>).</summary>
public enum BackplaneKind
{
    /// <summary>In this process only: one node, nothing to install (the default).</summary>
    Memory,

    /// <summary>A Redis stream shared by every node of the deployment.</summary>
    Redis,
}
