namespace G6.Summary.Configuration;

/// <summary>The browser dashboard the service serves.</summary>
public sealed record DashboardOptions
{
    /// <summary>The dashboard at <c>GET /</c> and <c>GET /dashboard/…</c>; false answers 404 there.</summary>
    public bool Enabled { get; init; } = true;

    internal static DashboardOptions Bind(SettingReader read) => new() { Enabled = read.Flag(SettingNames.Dashboard, true) };
}
