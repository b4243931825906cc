using System.Globalization;
using G6.Summary.Client;

namespace G6.Summary.Cli.Dashboard;

/// <summary>Builds the frame model from a source's snapshot: texts, tones, ages. Pure: the clock is a parameter.</summary>
public static class FrameBuilder
{
    public static DashFrame Build(DashSnapshot snapshot, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var panels = snapshot.Panels.Select(p =>
        {
            var lines = p.Lines.Select(l => new DashLine(l, PanelTones.Classify(p.Key, l))).ToArray();
            var tone = lines.Aggregate(Tone.Normal, (worst, line) => PanelTones.Worst(worst, line.Tone));

            // Info (market closed) is a fact, not an alarm: it colours its line, not the panel's border.
            return new DashPanel(p.Key, p.Title, lines, tone == Tone.Info ? Tone.Normal : tone);
        }).ToArray();

        var age = snapshot.LastUpdateAt is { } at ? now - at : (TimeSpan?)null;
        var (notice, noticeTone) = Notice(snapshot);
        var header = new DashHeader(
            snapshot.Source,
            StateWord(snapshot.State),
            StateTone(snapshot.State),
            snapshot.Server,
            snapshot.Cycle is { } cycle ? cycle.ToString(CultureInfo.InvariantCulture) : "\u2014",
            age is { } a ? $"{Age(a)} ago" : "never",
            age is { } stale && stale >= snapshot.StaleAfter ? Tone.Bad : Tone.Normal,
            notice,
            noticeTone);
        return new DashFrame(header, panels);
    }

    public static string StateWord(ConnectionState state) => state switch
    {
        ConnectionState.Live => "LIVE",
        ConnectionState.Stale => "STALE",
        ConnectionState.Connecting => "CONNECTING",
        ConnectionState.Reconnecting => "RECONNECTING",
        ConnectionState.Unauthorized => "UNAUTHORIZED",
        _ => "STOPPED",
    };

    /// <summary>"0.4 s", "12 s", "3m 05s", "2h 10m": precise while it matters, coarse once it does not.</summary>
    public static string Age(TimeSpan age)
    {
        if (age < TimeSpan.Zero)
        {
            age = TimeSpan.Zero;
        }

        return age.TotalSeconds switch
        {
            < 10 => string.Create(CultureInfo.InvariantCulture, $"{age.TotalSeconds:0.0} s"),
            < 60 => string.Create(CultureInfo.InvariantCulture, $"{age.TotalSeconds:0} s"),
            < 3600 => string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalMinutes}m {age.Seconds:00}s"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalHours}h {age.Minutes:00}m"),
        };
    }

    private static Tone StateTone(ConnectionState state) => state switch
    {
        ConnectionState.Live => Tone.Good,
        ConnectionState.Connecting or ConnectionState.Reconnecting or ConnectionState.Stale => Tone.Warning,
        ConnectionState.Unauthorized => Tone.Bad,
        _ => Tone.Muted,
    };

    private static (string? Text, Tone Tone) Notice(DashSnapshot snapshot)
    {
        // A connection problem matters more than what the server last complained about.
        if (snapshot.State != ConnectionState.Live && snapshot.Problem is { } problem)
        {
            return (problem, snapshot.State == ConnectionState.Unauthorized ? Tone.Bad : Tone.Warning);
        }

        if (snapshot.ServerError is { } error)
        {
            return ($"server: {error}", Tone.Warning);
        }

        return snapshot.Problem is { } note ? (note, Tone.Muted) : (null, Tone.Normal);
    }
}
