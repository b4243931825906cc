namespace G6.Summary.Cli.Dashboard;

/// <summary>A panel ready to draw: its lines with their tones, and the panel's tone (its worst line's).</summary>
public sealed record DashPanel(string Key, string Title, IReadOnlyList<DashLine> Lines, Tone Tone);
