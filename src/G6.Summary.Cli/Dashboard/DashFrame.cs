namespace G6.Summary.Cli.Dashboard;

/// <summary>Everything one dashboard frame shows, independent of how it is drawn (Spectre or plain text).</summary>
public sealed record DashFrame(DashHeader Header, IReadOnlyList<DashPanel> Panels);
