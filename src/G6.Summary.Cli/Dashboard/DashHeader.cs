namespace G6.Summary.Cli.Dashboard;

/// <summary>The header: where the data comes from, whether it is live, which cycle, how old, and the latest notice.</summary>
/// <param name="Source">The server address or the status file.</param>
/// <param name="Connection">Connection state as a word (LIVE, STALE, …).</param>
/// <param name="ConnectionTone">Its meaning.</param>
/// <param name="Server">Server version and epoch, or the local source's description.</param>
/// <param name="Cycle">The server cycle of the last applied event.</param>
/// <param name="Age">Time since the last update as text, e.g. "0.4 s ago".</param>
/// <param name="AgeTone">Bad when older than the stale threshold.</param>
/// <param name="Notice">The latest problem, server error or resync note, if any.</param>
/// <param name="NoticeTone">Its meaning.</param>
public sealed record DashHeader(
    string Source,
    string Connection,
    Tone ConnectionTone,
    string Server,
    string Cycle,
    string Age,
    Tone AgeTone,
    string? Notice,
    Tone NoticeTone);
