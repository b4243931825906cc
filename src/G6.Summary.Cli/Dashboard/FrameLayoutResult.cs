namespace G6.Summary.Cli.Dashboard;

/// <summary>The columns of a frame: their widths and the panels stacked in each, top to bottom.</summary>
public sealed record FrameLayoutResult(IReadOnlyList<int> ColumnWidths, IReadOnlyList<IReadOnlyList<PanelPlacement>> Columns)
{
    /// <summary>Rows of the tallest column.</summary>
    public int Height => Columns.Count == 0 ? 0 : Columns.Max(c => c.Sum(p => p.Height));
}
