namespace G6.Summary.Cli.Diagnostics;

/// <summary>
/// The outcome of an idle heartbeat check. Drift is in cycles: how far a heartbeat's cycle number is
/// from what the elapsed time since the first heartbeat predicts (the scope allows ±1).
/// </summary>
public sealed record HeartbeatDriftReport(int Heartbeats, double MaxServerDriftCycles, double MaxClientDriftCycles, int SpacingViolations, int OtherEvents)
{
    /// <summary>The scope's bound: no more than one cycle of drift.</summary>
    public const double AllowedDriftCycles = 1.0;

    public bool Passed => Heartbeats >= 2
        && MaxServerDriftCycles <= AllowedDriftCycles
        && MaxClientDriftCycles <= AllowedDriftCycles
        && SpacingViolations == 0;
}
