namespace G6.Summary.Hosting;

/// <summary>Health states; <see cref="Ok"/> and <see cref="Degraded"/> answer 200, the rest 503.</summary>
public static class HealthStatus
{
    public const string Ok = "ok";
    public const string Degraded = "degraded";
    public const string Stale = "stale";
    public const string Starting = "starting";
    public const string Stopping = "stopping";

    public static bool IsServing(string status) => status is Ok or Degraded;
}
