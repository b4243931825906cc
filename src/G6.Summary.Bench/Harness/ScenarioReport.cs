namespace G6.Summary.Bench.Harness;

/// <summary>What <c>bench scenario</c> archives: the machine, every step's full report, and the targets.</summary>
public sealed record ScenarioReport(
    string Tool,
    string Build,
    DateTimeOffset StartedAt,
    double TotalSec,
    MachineInfo Machine,
    double RatePerSec,
    IReadOnlyList<ScenarioStep> Steps,
    IReadOnlyList<ScenarioTarget> Targets);
