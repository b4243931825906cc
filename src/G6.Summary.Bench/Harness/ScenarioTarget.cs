namespace G6.Summary.Bench.Harness;

/// <summary>One of the targets, with what was measured against it.</summary>
/// <param name="Met">Null when the scenario did not run the step the target needs.</param>
public sealed record ScenarioTarget(int Id, string Target, string Goal, string Measured, bool? Met);
