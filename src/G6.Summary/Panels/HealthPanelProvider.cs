using G6.Summary.Snapshot;
using static G6.Summary.Panels.PanelFormat;

namespace G6.Summary.Panels;

/// <summary>Component health, readiness and the data provider's connection.</summary>
public sealed class HealthPanelProvider : IPanelProvider
{
    public const string Title = "Health";

    public string Key => PanelKeys.Health;

    public PanelContent Build(StatusSnapshot snapshot)
    {
        List<string> lines = [];
        if (snapshot.Health.IsDefaultOrEmpty)
        {
            lines.Add($"Components: {Unknown}");
        }
        else
        {
            foreach (var component in snapshot.Health)
            {
                var checkedAt = component.LastCheck is null ? string.Empty : $" (checked {Timestamp(component.LastCheck)})";
                lines.Add($"{component.Name}: {Text(component.Status)}{checkedAt}");
            }
        }

        var readiness = snapshot.Readiness;
        var ready = readiness.Ok switch
        {
            true => "ready",
            false => "not ready",
            null => Unknown,
        };
        var reason = string.IsNullOrWhiteSpace(readiness.Reason) ? string.Empty : $" ({readiness.Reason})";
        lines.Add($"Readiness: {ready}{reason}");

        var provider = snapshot.Provider;
        lines.Add($"Provider: {Text(provider.Name)}");
        lines.Add($"Latency: {Milliseconds(provider.LatencyMs)}");
        var auth = provider.AuthValid switch
        {
            true => "valid",
            false => "invalid",
            null => Unknown,
        };
        var expiry = provider.AuthExpiry is null ? string.Empty : $", expires {Timestamp(provider.AuthExpiry)}";
        lines.Add($"Auth: {auth}{expiry}");
        return new PanelContent(Key, Title, [.. lines]);
    }
}
