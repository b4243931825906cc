namespace G6.Summary.Snapshot;

/// <summary>Which status layout the platform wrote; both map onto the same <see cref="StatusSnapshot"/>.</summary>
public enum StatusSchema
{
    /// <summary>Neither layout was recognised (e.g. an empty object); every field is unknown.</summary>
    Unknown,

    /// <summary>Sections <c>app</c>, <c>market</c>, <c>loop</c>, … as objects.</summary>
    Nested,

    /// <summary>Top-level <c>timestamp</c>, <c>cycle</c>, <c>indices_info</c>, … fields.</summary>
    Flat,
}
