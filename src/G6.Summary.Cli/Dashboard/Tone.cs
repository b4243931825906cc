namespace G6.Summary.Cli.Dashboard;

/// <summary>
/// What a piece of the dashboard means, not how it looks: the Spectre renderer maps tones to colours and
/// the plain renderer to markers. Colour is used only where it carries one of these meanings.
/// </summary>
public enum Tone
{
    /// <summary>Nothing to point out.</summary>
    Normal,

    /// <summary>Working as it should, where that is news (the connection is live).</summary>
    Good,

    /// <summary>A state worth knowing that is not a problem (the market is closed).</summary>
    Info,

    /// <summary>Look at this soon (a warning alert, an index lagging, data quality below 90).</summary>
    Warning,

    /// <summary>Look at this now (a critical alert, a failing index, data quality below 80, a lost connection).</summary>
    Bad,

    /// <summary>Secondary text (hints, unknown values).</summary>
    Muted,
}
