namespace G6.Summary.Status;

/// <summary>How the built-in demo collector behaves (<c>G6_SUMMARY_DEMO_PROFILE</c>).</summary>
public enum DemoProfile
{
    /// <summary>Like the platform: quiet spells (heartbeats), market sessions, sections moving at their own pace.</summary>
    Realistic,

    /// <summary>
    /// For load tests: never quiet and the market never closes, so index prices move every cycle and every
    /// cycle publishes one <c>panel_update</c> (about 1 KB); the event rate is exactly 1 / refresh.
    /// </summary>
    Busy,
}
