using G6.Summary.Panels;

namespace G6.Summary.Cli.Dashboard;

/// <summary>
/// Fits panels into a terminal of a given size: as few columns as let every panel show in full (the
/// widest columns cut the fewest characters), panels stacked in display order onto the shortest column,
/// and, when even the best column count is too tall, the longest panels shortened with a "… N more" row.
/// Pure arithmetic, so it is tested without a terminal.
/// </summary>
public static class FrameLayout
{
    /// <summary>Rows a panel's border takes (top, with the title, and bottom).</summary>
    public const int PanelBorderRows = 2;

    /// <summary>Columns a panel's border and padding take (│ and a space on each side).</summary>
    public const int PanelChromeColumns = 4;

    /// <summary>Narrowest column: enough for "Max pain BANKNIFTY: 44,500.00" and most status lines.</summary>
    public const int MinColumnWidth = 40;

    /// <summary>More columns than this make every panel too narrow to read at a glance.</summary>
    public const int MaxColumns = 4;

    /// <summary>Panel keys from the one an operator most needs in full to the one that is fine as "… N more".</summary>
    public static IReadOnlyList<string> KeepLast { get; } =
    [
        PanelKeys.Alerts, PanelKeys.Indices, PanelKeys.Loop, PanelKeys.Health, PanelKeys.Resources,
        PanelKeys.Analytics, PanelKeys.Performance, PanelKeys.Storage, PanelKeys.Header, PanelKeys.Links,
    ];

    public static FrameLayoutResult Compute(IReadOnlyList<DashPanel> panels, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(panels);
        width = Math.Max(width, 1);
        height = Math.Max(height, 0);
        var maxColumns = Math.Clamp(width / MinColumnWidth, 1, MaxColumns);
        maxColumns = Math.Max(1, Math.Min(maxColumns, panels.Count));

        var best = 1;
        var bestOverflow = int.MaxValue;
        for (var columns = 1; columns <= maxColumns; columns++)
        {
            var overflow = Math.Max(0, Stack(panels, columns).Max() - height);
            if (overflow < bestOverflow)
            {
                best = columns;
                bestOverflow = overflow;
            }

            if (overflow == 0)
            {
                break;
            }
        }

        var assignment = Assign(panels, best);
        var placed = new List<IReadOnlyList<PanelPlacement>>(best);
        for (var column = 0; column < best; column++)
        {
            placed.Add(Shorten([.. assignment[column].Select(p => new PanelPlacement(p, column, Math.Max(1, p.Lines.Count)))], height));
        }

        var widths = new int[best];
        for (var i = 0; i < best; i++)
        {
            widths[i] = (width / best) + (i < width % best ? 1 : 0);
        }

        return new FrameLayoutResult(widths, placed);
    }

    /// <summary>Column heights when the panels are stacked onto <paramref name="columns"/> columns.</summary>
    private static int[] Stack(IReadOnlyList<DashPanel> panels, int columns) =>
        [.. Assign(panels, columns).Select(c => c.Sum(p => Math.Max(1, p.Lines.Count) + PanelBorderRows))];

    private static List<DashPanel>[] Assign(IReadOnlyList<DashPanel> panels, int columns)
    {
        var result = new List<DashPanel>[columns];
        var heights = new int[columns];
        for (var i = 0; i < columns; i++)
        {
            result[i] = [];
        }

        foreach (var panel in panels)
        {
            // Shortest column, leftmost on ties: display order reads left to right, top to bottom.
            var target = Array.IndexOf(heights, heights.Min());
            result[target].Add(panel);
            heights[target] += Math.Max(1, panel.Lines.Count) + PanelBorderRows;
        }

        return result;
    }

    private static List<PanelPlacement> Shorten(List<PanelPlacement> column, int height)
    {
        // Give up rows where they cost the operator least: panels without warnings before those with, and
        // among those the least urgent kind first (links and the overview before alerts and indices).
        while (column.Sum(p => p.Height) > height)
        {
            var victim = column
                .Where(p => p.Rows > 1)
                .OrderBy(p => Urgency(p.Panel.Tone))
                .ThenByDescending(p => KeepRank(p.Panel.Key))
                .ThenByDescending(p => p.Rows)
                .FirstOrDefault();
            if (victim is null)
            {
                break; // every panel is down to one row; the renderer crops the rest
            }

            column[column.IndexOf(victim)] = victim with { Rows = victim.Rows - 1 };
        }

        return column;
    }

    /// <summary>Position in <see cref="KeepLast"/>; panels unknown to this version rank with storage.</summary>
    private static int KeepRank(string key)
    {
        for (var i = 0; i < KeepLast.Count; i++)
        {
            if (KeepLast[i] == key)
            {
                return i;
            }
        }

        return KeepRank(PanelKeys.Storage);
    }

    private static int Urgency(Tone tone) => tone switch
    {
        Tone.Bad => 2,
        Tone.Warning => 1,
        _ => 0,
    };
}
