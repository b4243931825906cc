namespace G6.Summary.Snapshot;

/// <summary>One index (e.g. NIFTY), merged from the status file's per-index sections.</summary>
public sealed record IndexInfo(string Name)
{
    public double? Ltp { get; init; }

    /// <summary>Change since the open, in percent.</summary>
    public double? ChangePct { get; init; }

    public string? Status { get; init; }

    public double? AgeSec { get; init; }

    /// <summary>Option legs collected (nested <c>legs</c>).</summary>
    public long? Legs { get; init; }

    /// <summary>Options collected last cycle (flat <c>indices_info.options</c>).</summary>
    public long? Options { get; init; }

    /// <summary>Data-quality score, 0–100.</summary>
    public double? DqScorePct { get; init; }

    public long? DqIssues { get; init; }
}
