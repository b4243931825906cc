using G6.Summary.Snapshot;
using static G6.Summary.Panels.PanelFormat;

namespace G6.Summary.Panels;

/// <summary>Alert totals, counts by severity, and the latest few alerts.</summary>
public sealed class AlertsPanelProvider : IPanelProvider
{
    public const string Title = "Alerts";

    /// <summary>How many recent alerts are listed; the counts above them cover the rest.</summary>
    public const int LatestShown = 5;

    public string Key => PanelKeys.Alerts;

    public PanelContent Build(StatusSnapshot snapshot)
    {
        var alerts = snapshot.Alerts;
        var none = alerts.Total == 0 || (alerts.Total is null && alerts.Recent.IsDefaultOrEmpty && alerts.BySeverity.IsDefaultOrEmpty);
        if (none)
        {
            return new PanelContent(Key, Title, ["no alerts"]);
        }

        List<string> lines = [$"Total: {Count(alerts.Total)}"];
        if (!alerts.BySeverity.IsDefaultOrEmpty)
        {
            var counts = alerts.BySeverity
                .OrderBy(c => SeverityRank(c.Severity))
                .ThenBy(c => c.Severity, StringComparer.Ordinal)
                .Select(c => $"{c.Severity} {Count(c.Count)}");
            lines.Add($"By severity: {string.Join(", ", counts)}");
        }

        if (!alerts.Recent.IsDefaultOrEmpty)
        {
            lines.Add("Latest:");

            // Newest first; alerts without a time go last, and among equals the later in the file wins.
            var latest = alerts.Recent
                .Select((alert, position) => (alert, position))
                .OrderByDescending(x => x.alert.Time.HasValue)
                .ThenByDescending(x => x.alert.Time)
                .ThenByDescending(x => x.position)
                .Take(LatestShown);
            foreach (var (alert, _) in latest)
            {
                var index = string.IsNullOrWhiteSpace(alert.Index) ? string.Empty : $" {alert.Index}:";
                lines.Add($"{Timestamp(alert.Time)} {Text(alert.Severity?.ToUpperInvariant())}{index} {Text(alert.Message)}");
            }
        }

        return new PanelContent(Key, Title, [.. lines]);
    }

    private static int SeverityRank(string severity) => severity switch
    {
        "critical" => 0,
        "error" => 1,
        "warning" or "warn" => 2,
        "info" => 3,
        _ => 4,
    };
}
