using System.Globalization;
using G6.Summary.Panels;

namespace G6.Summary.Cli.Dashboard;

/// <summary>
/// Reads meaning back out of panel text: the panels are plain lines (the protocol carries no styling), so
/// the dashboard recognises the few things an operator must not miss. Thresholds are named constants.
/// </summary>
public static class PanelTones
{
    /// <summary>Data-quality score below which an index is bad; the platform raises a warning alert under 80 %.</summary>
    public const double DqBadBelow = 80;

    /// <summary>Data-quality score below which an index deserves a look; healthy feeds score 90+.</summary>
    public const double DqWarnBelow = 90;

    /// <summary>Success rates (loop, API) below this are bad: one in five attempts failing.</summary>
    public const double RateBadBelow = 80;

    /// <summary>Success rates below this deserve a look.</summary>
    public const double RateWarnBelow = 95;

    /// <summary>CPU of the platform process at or above this is bad (no headroom left).</summary>
    public const double CpuBadFrom = 90;

    /// <summary>CPU at or above this deserves a look.</summary>
    public const double CpuWarnFrom = 75;

    /// <summary>The tone of one line of the panel with key <paramref name="key"/>.</summary>
    public static Tone Classify(string key, string line)
    {
        if (line == PanelRegistry.FailedLine)
        {
            return Tone.Bad;
        }

        return key switch
        {
            PanelKeys.Header => line.StartsWith("Market:", StringComparison.Ordinal) && line.Contains("closed", StringComparison.OrdinalIgnoreCase)
                ? Tone.Info
                : Tone.Normal,
            PanelKeys.Loop => RateTone(line, "Success rate:"),
            PanelKeys.Performance => RateTone(line, "API success rate:"),
            PanelKeys.Indices => IndexRowTone(line),
            PanelKeys.Alerts => AlertTone(line),
            PanelKeys.Resources => CpuTone(line),
            PanelKeys.Health => HealthTone(line),
            _ => Tone.Normal,
        };
    }

    /// <summary>The worse of two tones (Bad over Warning over Info over the rest).</summary>
    public static Tone Worst(Tone a, Tone b) => Rank(a) >= Rank(b) ? a : b;

    private static int Rank(Tone tone) => tone switch
    {
        Tone.Bad => 3,
        Tone.Warning => 2,
        Tone.Info => 1,
        _ => 0,
    };

    private static Tone RateTone(string line, string label)
    {
        if (!line.StartsWith(label, StringComparison.Ordinal) || Number(line[label.Length..]) is not { } rate)
        {
            return Tone.Normal;
        }

        return rate < RateBadBelow ? Tone.Bad : rate < RateWarnBelow ? Tone.Warning : Tone.Normal;
    }

    private static Tone CpuTone(string line)
    {
        if (!line.StartsWith("CPU:", StringComparison.Ordinal) || Number(line[4..]) is not { } cpu)
        {
            return Tone.Normal;
        }

        return cpu >= CpuBadFrom ? Tone.Bad : cpu >= CpuWarnFrom ? Tone.Warning : Tone.Normal;
    }

    /// <summary>
    /// An indices row is "Index LTP Chg% Status Age Legs DQ% Issues"; the age column may hold two words
    /// ("5m 03s"), so cells are taken from both ends: the status is fourth from the left, DQ% second from the right.
    /// </summary>
    private static Tone IndexRowTone(string line)
    {
        var cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (cells.Length < 8 || cells[0] == "Index")
        {
            return Tone.Normal;
        }

        var tone = StatusTone(cells[3]);
        if (Number(cells[^2]) is { } dq)
        {
            tone = Worst(tone, dq < DqBadBelow ? Tone.Bad : dq < DqWarnBelow ? Tone.Warning : Tone.Normal);
        }

        return tone;
    }

    private static Tone StatusTone(string status) => status.ToLowerInvariant() switch
    {
        "ok" or "live" or "open" or "active" or "healthy" or "up" or "ready" or "\u2014" => Tone.Normal,
        "closed" => Tone.Info,
        "error" or "failed" or "fail" or "failing" or "down" or "dead" or "unhealthy" or "critical" => Tone.Bad,
        _ => Tone.Warning, // warn, stale, degraded, delayed, and anything the platform adds later
    };

    private static Tone AlertTone(string line)
    {
        // Alert lines are "<date> <time>Z SEVERITY[ INDEX:] message", or "— SEVERITY …" when the alert had no time.
        var cells = line.Split(' ', 4, StringSplitOptions.RemoveEmptyEntries);
        string? severity = null;
        if (line.StartsWith('\u2014') && cells.Length >= 2)
        {
            severity = cells[1];
        }
        else if (line.Length > 0 && char.IsDigit(line[0]) && cells.Length >= 3)
        {
            severity = cells[2];
        }

        return severity switch
        {
            "CRITICAL" or "ERROR" => Tone.Bad,
            "WARNING" or "WARN" => Tone.Warning,
            _ => Tone.Normal,
        };
    }

    private static Tone HealthTone(string line)
    {
        if (line.StartsWith("Readiness:", StringComparison.Ordinal))
        {
            return line.Contains("not ready", StringComparison.Ordinal) ? Tone.Bad : Tone.Normal;
        }

        if (line.StartsWith("Auth:", StringComparison.Ordinal))
        {
            return line.Contains("invalid", StringComparison.Ordinal) ? Tone.Bad : Tone.Normal;
        }

        if (line.StartsWith("Provider:", StringComparison.Ordinal) || line.StartsWith("Latency:", StringComparison.Ordinal)
            || line.StartsWith("Components:", StringComparison.Ordinal))
        {
            return Tone.Normal;
        }

        // "<component>: <status>[ (checked …)]"
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        if (colon < 0)
        {
            return Tone.Normal;
        }

        var status = line[(colon + 2)..].Split(' ', 2)[0];
        return StatusTone(status);
    }

    private static double? Number(string text)
    {
        var trimmed = text.Trim().TrimEnd('%').Replace(",", string.Empty, StringComparison.Ordinal);
        return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
