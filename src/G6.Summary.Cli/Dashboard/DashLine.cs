namespace G6.Summary.Cli.Dashboard;

/// <summary>One line of a panel and what it means.</summary>
public sealed record DashLine(string Text, Tone Tone);
