using G6.Summary.Snapshot;
using static G6.Summary.Panels.PanelFormat;

namespace G6.Summary.Panels;

/// <summary>Who is running where: app, host, uptime, market phase, environment.</summary>
public sealed class HeaderPanelProvider : IPanelProvider
{
    public const string Title = "Overview";

    public string Key => PanelKeys.Header;

    public PanelContent Build(StatusSnapshot snapshot)
    {
        var app = snapshot.App;
        var market = snapshot.Market;
        var marketText = market.Segment is null ? Text(market.Status) : $"{Text(market.Status)} ({market.Segment})";
        return new PanelContent(Key, Title,
        [
            $"App: {Text(app.Name)}",
            $"Version: {Text(app.Version)}",
            $"Host: {Text(app.Host)}",
            $"PID: {Id(app.Pid)}",
            $"Started: {Timestamp(app.StartedAt)}",
            $"Uptime: {Duration(app.UptimeSec)}",
            $"Market: {marketText}",
            $"Env: {Text(snapshot.Config.Env)}",
            $"Output level: {Text(snapshot.Config.OutputLevel)}",
        ]);
    }
}
