using System.Globalization;

namespace G6.Summary.Panels;

/// <summary>
/// The one place numbers, times and unknowns are turned into text, so every panel formats alike and,
/// being culture-invariant and clock-free, the same snapshot always gives the same text.
/// </summary>
internal static class PanelFormat
{
    /// <summary>Shown for any value the status did not give (U+2014 EM DASH).</summary>
    public const string Unknown = "\u2014";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    // Durations beyond a century are corrupt figures, not uptimes or ages: shown as unknown, not as absurd day counts.
    private const double MaxDurationSec = 100 * 365.25 * 86400;

    public static string Text(string? value) => string.IsNullOrWhiteSpace(value) ? Unknown : value;

    /// <summary>Prices and strikes: thousands separators, two decimals.</summary>
    public static string Price(double? value) => value is { } v ? v.ToString("N2", Inv) : Unknown;

    /// <summary>A 0–100 rate: one decimal and a percent sign.</summary>
    public static string Percent(double? value) => value is { } v ? v.ToString("F1", Inv) + "%" : Unknown;

    /// <summary>A change in percent, always signed so rises and falls line up.</summary>
    public static string SignedPercent(double? value) =>
        value is { } v ? v.ToString("+0.00;-0.00;0.00", Inv) + "%" : Unknown;

    /// <summary>Quality scores keep the two decimals the platform computes.</summary>
    public static string Score(double? value) => value is { } v ? v.ToString("F2", Inv) : Unknown;

    public static string Ratio(double? value) => value is { } v ? v.ToString("F2", Inv) : Unknown;

    public static string Count(long? value) => value is { } v ? v.ToString("N0", Inv) : Unknown;

    /// <summary>Identifiers such as a cycle number or pid: no separators.</summary>
    public static string Id(long? value) => value is { } v ? v.ToString(Inv) : Unknown;

    public static string Rate(double? value) => value is { } v ? v.ToString("N1", Inv) : Unknown;

    public static string Megabytes(double? value) => value is { } v ? v.ToString("N1", Inv) + " MB" : Unknown;

    public static string Milliseconds(double? value) => value is { } v ? v.ToString("N1", Inv) + " ms" : Unknown;

    /// <summary>Seconds with up to three decimals: "0.642 s", "60 s".</summary>
    public static string Seconds(double? value) => value is { } v ? v.ToString("0.###", Inv) + " s" : Unknown;

    /// <summary>UTC, to the second: "2025-10-17 16:32:57Z".</summary>
    public static string Timestamp(DateTimeOffset? value) =>
        value is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", Inv) : Unknown;

    /// <summary>A coarse duration with its two largest units: "25s", "5m 03s", "11h 08m", "2d 03h".</summary>
    public static string Duration(double? seconds)
    {
        if (seconds is not { } s || s < 0 || s > MaxDurationSec)
        {
            return Unknown;
        }

        var total = (long)Math.Floor(s);
        var days = total / 86400;
        var hours = total % 86400 / 3600;
        var minutes = total % 3600 / 60;
        var secs = total % 60;
        return total switch
        {
            < 60 => string.Create(Inv, $"{secs}s"),
            < 3600 => string.Create(Inv, $"{minutes}m {secs:00}s"),
            < 86400 => string.Create(Inv, $"{hours}h {minutes:00}m"),
            _ => string.Create(Inv, $"{days}d {hours:00}h"),
        };
    }

    /// <summary>Pads or cuts <paramref name="text"/> to exactly <paramref name="width"/> chars for table cells.</summary>
    public static string Cell(string text, int width, bool alignRight)
    {
        if (text.Length > width)
        {
            return text[..(width - 1)] + "…";
        }

        return alignRight ? text.PadLeft(width) : text.PadRight(width);
    }
}
