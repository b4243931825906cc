namespace G6.Summary.Snapshot;

/// <summary>
/// The platform's runtime status, normalised from either status schema. Every field may be missing.
/// </summary>
public sealed record StatusSnapshot
{
    /// <summary>A snapshot with nothing known (no good status read yet).</summary>
    public static StatusSnapshot Empty { get; } = new();
}
