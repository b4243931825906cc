namespace G6.Summary.Cli.Dashboard;

/// <summary>
/// Where one panel goes and how much of it fits: <see cref="Rows"/> content rows inside its border. When
/// <see cref="Rows"/> is less than the panel's line count, the last row says how many lines are hidden.
/// </summary>
public sealed record PanelPlacement(DashPanel Panel, int Column, int Rows)
{
    /// <summary>Lines of the panel that are not shown.</summary>
    public int HiddenLines => Rows >= Panel.Lines.Count ? 0 : Panel.Lines.Count - (Rows - 1);

    /// <summary>Terminal rows the panel takes, borders included.</summary>
    public int Height => Rows + FrameLayout.PanelBorderRows;
}
