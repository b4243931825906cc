namespace G6.Summary.Bench.Harness;

/// <summary>What <c>bench stall</c> archives: the machine, the settings, and every step side by side.</summary>
public sealed record StallReport(
    string Tool,
    string Build,
    DateTimeOffset StartedAt,
    double TotalSec,
    MachineInfo Machine,
    StallSettings Settings,
    TcpMemoryLimits? TcpMem,
    long PageBytes,
    IReadOnlyList<StallStep> Steps);
